import { deleteIn, removeDocument } from '../../yaml/textEdits';
import type { Command } from './command';
import { editOr } from './command';

/** Where an object lives: its document, and its path inside a `List` when it is an item. */
export interface ObjectLocation {
  documentIndex: number;
  objectPath?: readonly (string | number)[];
}

/** Deletes an object: its whole document, or its item inside a `List`. */
export const deleteObject: Command<ObjectLocation> = {
  id: 'deleteObject',
  label: 'Delete',
  perform({ text }, { documentIndex, objectPath }) {
    const change =
      objectPath && objectPath.length > 0
        ? deleteIn(text, documentIndex, objectPath)
        : removeDocument(text, documentIndex);
    return editOr(change, 'the object is no longer in the YAML');
  },
};
