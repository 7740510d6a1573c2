/** Who did something: a signed-in user, a machine token, the system itself, or an anonymous caller. */
export interface Actor {
  readonly type: 'user' | 'token' | 'system' | 'anonymous';
  readonly id: string | null;
  readonly label: string;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

export const systemActor = (label = 'system'): Actor => ({ type: 'system', id: null, label });
