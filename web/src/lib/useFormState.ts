// Form state for record forms: the values, a setter per field, and the server's field
// errors, each hidden as soon as the user edits that field again.
import { useState } from 'react';

export function useFormState<V extends Record<string, unknown>>(initial: V, errors: Record<string, string>) {
  const [values, setValues] = useState<V>(initial);
  // Fields edited since `errors` arrived. Tied to that errors object, so a new save's
  // errors all show at once, in the same render (no flash, focus can find them).
  const [edited, setEdited] = useState<{ of: Record<string, string>; keys: Set<string> }>({ of: errors, keys: new Set() });
  const editedKeys = edited.of === errors ? edited.keys : null;

  function set<K extends keyof V>(key: K, value: V[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setEdited((s) => {
      const keys = s.of === errors ? new Set(s.keys) : new Set<string>();
      keys.add(key as string);
      return { of: errors, keys };
    });
  }

  function error(key: keyof V & string): string | undefined {
    return editedKeys?.has(key) ? undefined : errors[key];
  }

  return { values, set, error, setValues };
}
