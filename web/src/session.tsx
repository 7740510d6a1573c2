import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrf } from './api.ts';

export interface Me {
  id: string;
  username: string;
  role: string;
  signed_in: boolean;
  totp_enabled: boolean;
  csrf_token?: string;
  permissions: string[];
}

interface Session {
  me: Me | null | undefined;
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<Session>({ me: undefined, refresh: async () => {}, can: () => false });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const who = await api<Me>('GET', '/api/auth/me');
      setCsrf(who.csrf_token);
      setMe(who);
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  const can = (permission: string) => !!me?.permissions.includes(permission);
  return <SessionContext.Provider value={{ me, refresh, can }}>{children}</SessionContext.Provider>;
}

export const useSession = () => useContext(SessionContext);
