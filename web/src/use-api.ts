import { useCallback, useEffect, useState } from 'react';
import { api } from './api.ts';

/** Loads `path` and reloads on demand; the error is the API's own detail. */
export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(async () => {
    if (!path) return;
    try {
      setData(await api<T>('GET', path));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [path]);
  useEffect(() => void load(), [load]);
  return { data, error, reload: load };
}

/** Runs a change against the API and then `after` (typically a reload); the error is the API's own detail. */
export function useAction() {
  const [error, setError] = useState<string | undefined>(undefined);
  const run = useCallback(async (change: () => Promise<unknown>, after?: () => unknown) => {
    setError(undefined);
    try {
      await change();
      await after?.();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }, []);
  return { run, error, setError };
}
