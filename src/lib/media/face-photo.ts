// A person's photo, set or removed from the structure's edit page: resized on the device and
// saved at once on the person's document (offline too; replication sends it later).
import { facePhotoName, type Person, personPhoto } from '../domain';
import { saveDoc } from '../sync/docs';
import { type Attachments, attachmentsOf } from './attachments';
import { decode, encode } from './resize';
import { TARGETS } from './rules';

function withoutPhoto(person: Person): Attachments {
	const kept: Attachments = { ...attachmentsOf(person) };
	const current = personPhoto(person as { _attachments?: Record<string, unknown> });
	if (current) delete kept[current];
	return kept;
}

function withAttachments(person: Person, attachments: Attachments): Person {
	const doc = { ...person } as Person & { _attachments?: Attachments };
	if (Object.keys(attachments).length > 0) doc._attachments = attachments;
	else delete doc._attachments;
	return doc;
}

/** Resizes `file` and stores it as the person's photo; throws ImageError (French) or DocError. */
export async function setFacePhoto(person: Person, file: File): Promise<Person> {
	const bitmap = await decode(file);
	const encoded = await encode(bitmap, TARGETS.face);
	bitmap.close();
	const attachments = withoutPhoto(person);
	attachments[facePhotoName(encoded.type)] = { content_type: encoded.type, data: encoded.blob };
	return saveDoc(withAttachments(person, attachments));
}

export function removeFacePhoto(person: Person): Promise<Person> {
	return saveDoc(withAttachments(person, withoutPhoto(person)));
}
