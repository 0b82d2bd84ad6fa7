import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { useMe } from './session.ts';

// What the user has typed into the settings forms, kept in this tab's memory (never in storage: a
// secret's value is typed here too). An expired session sends the user to sign in inside the app, so
// the forms find their text again when the user comes back; signing out forgets it.
const drafts = new Map<string, unknown>();

/**
 * useState for a form field whose value outlives the page: the same value comes back when the page
 * is shown again to the same user in this tab. {@code form} names the field, e.g. "acme/secrets/name".
 */
export function useDraft<T>(form: string, initial: T): [T, Dispatch<SetStateAction<T>>, () => void] {
  const me = useMe();
  const key = `${me.data?.username ?? ''}\u0000${form}`;
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial));
  useEffect(() => {
    drafts.set(key, value);
  }, [key, value]);
  // for a form that closes once saved or cancelled: opened again, it starts from {@code initial}
  const discard = () => drafts.delete(key);
  return [value, setValue, discard];
}

/** Forgets every draft (signing out). */
export function forgetDrafts() {
  drafts.clear();
}
