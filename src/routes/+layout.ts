// A static single-page app: everything renders in the browser, from the replica on the device.
export const ssr = false;
export const prerender = false;
