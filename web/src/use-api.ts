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
