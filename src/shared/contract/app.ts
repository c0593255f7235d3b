import { z } from 'zod';
import type { AppInfo } from '../domain.ts';
import { method } from './define.ts';

export const appMethods = {
  'app.info': method<AppInfo>()({
    summary: 'Name, version, transport mode and what this client may do.',
    access: 'read',
    input: z.object({}).strict(),
  }),
} as const;
