import { MarqueError } from '../../shared/errors.ts';

/** A file a transport may stream to a client, found by id (never by a path from the URL). */
export interface MediaFile {
  readonly path: string;
  readonly mime: string;
  /** Download name offered to the user. */
  readonly filename: string;
  /** Served as an attachment rather than inline (always for SVG: opened top-level it is a live document). */
  readonly attachment: boolean;
  /** Readable by teammates through the share. */
  readonly shareable: boolean;
}

export type MediaResolver = (id: string, rest: string | null) => MediaFile | Promise<MediaFile>;

const KIND = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Media kinds (`thumb`, `original`, …) registered by the services that own them; the HTTP server
 * and the Electron protocol both serve `/media/<kind>/<id>[/<rest>]` through this one table.
 */
export class MediaRegistry {
  readonly #resolvers = new Map<string, { resolver: MediaResolver; takesRest: boolean }>();

  /** `takesRest`: the kind addresses files below an id (e.g. an output's path); others refuse a rest. */
  register(kind: string, resolver: MediaResolver, options: { takesRest?: boolean } = {}): void {
    if (!KIND.test(kind)) throw new Error(`bad media kind ${kind}`);
    this.#resolvers.set(kind, { resolver, takesRest: options.takesRest ?? false });
  }

  async resolve(kind: string, id: string, rest: string | null): Promise<MediaFile> {
    const entry = this.#resolvers.get(kind);
    if (!entry || (rest !== null && !entry.takesRest)) throw new MarqueError('NOT_FOUND', `No such media`);
    return entry.resolver(id, rest);
  }

  /** Parses `/media/<kind>/<id>[/<rest>]`; null when the path is not a media path. */
  static parse(pathname: string): { kind: string; id: string; rest: string | null } | null {
    const match = /^\/media\/([a-z][a-z0-9-]{0,31})\/([A-Za-z0-9_-]{1,128})(?:\/(.+))?$/.exec(pathname);
    if (!match) return null;
    return { kind: match[1] as string, id: match[2] as string, rest: match[3] ?? null };
  }
}
