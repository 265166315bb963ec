// A catalogue sentence with a link inside (« … apparaîtront dans {link}. »): the text before and after
// the link, so the sentence stays whole in each language and the component places the <a> itself.
const MARK = '\u0000';

export function aroundLink(sentence: (link: string) => string): [before: string, after: string] {
	const [before = '', after = ''] = sentence(MARK).split(MARK);
	return [before, after];
}
