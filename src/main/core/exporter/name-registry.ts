import { foldKey, numbered } from './safe-name.ts';

interface Node {
  readonly kind: 'dir' | 'file';
  /** The spelling used on disk (the first one seen wins for directories). */
  readonly name: string;
  readonly children: Map<string, Node>;
}

function dirNode(name: string): Node {
  return { kind: 'dir', name, children: new Map() };
}

/**
 * The tree of an export being planned, compared the way the strictest file system compares
 * names (case- and normalization-insensitive). Directories that fold together merge under the
 * first spelling; files that fold together get " (2)", " (3)"…; a file never shadows a directory
 * or the other way round.
 */
export class NameRegistry {
  readonly #root = dirNode('');
  /** A directory renamed because a file held its name: later entries follow the same rename. */
  readonly #dirAliases = new Map<string, string>();

  /** Claims a path of safe components as a file; see `claimDirs` and `claimFile`. */
  claim(components: readonly string[], taken: (name: string) => boolean = () => false): string[] {
    if (components.length === 0) throw new Error('empty path');
    const dirs = this.claimDirs(components.slice(0, -1));
    return [...dirs, this.claimFile(dirs, components.at(-1) as string, taken)];
  }

  /** Claims directories; returns the spelling each one has in the plan. */
  claimDirs(components: readonly string[]): string[] {
    const out: string[] = [];
    let node = this.#root;
    let parentKey = '';
    for (const component of components) {
      const aliasKey = `${parentKey}/${foldKey(component)}`;
      const wanted = this.#dirAliases.get(aliasKey) ?? component;
      let child = node.children.get(foldKey(wanted));
      let name = wanted;
      if (child?.kind === 'file') {
        name = this.#freeName(node, wanted, () => false);
        this.#dirAliases.set(aliasKey, name);
        child = undefined;
      }
      if (!child) {
        child = dirNode(name);
        node.children.set(foldKey(name), child);
      }
      out.push(child.name);
      parentKey = `${parentKey}/${foldKey(child.name)}`;
      node = child;
    }
    return out;
  }

  /**
   * Claims a file name inside directories returned by `claimDirs`. `taken(candidate)` lets the
   * caller refuse names that exist on disk (rename mode).
   */
  claimFile(dirs: readonly string[], wanted: string, taken: (name: string) => boolean = () => false): string {
    let node = this.#root;
    for (const dir of dirs) {
      const child = node.children.get(foldKey(dir));
      if (child?.kind !== 'dir') throw new Error(`directory not claimed: ${dirs.join('/')}`);
      node = child;
    }
    const name = this.#freeName(node, wanted, taken);
    node.children.set(foldKey(name), { kind: 'file', name, children: new Map() });
    return name;
  }

  /** True when `components` is already claimed as a file. */
  hasFile(components: readonly string[]): boolean {
    let node: Node | undefined = this.#root;
    for (const component of components) node = node?.children.get(foldKey(component));
    return node?.kind === 'file';
  }

  #freeName(parent: Node, wanted: string, taken: (candidate: string) => boolean): string {
    let candidate = wanted;
    for (let n = 2; parent.children.has(foldKey(candidate)) || taken(candidate); n++) {
      candidate = numbered(wanted, n);
    }
    return candidate;
  }
}
