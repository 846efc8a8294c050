import { lazy, type ComponentType } from 'react';

/**
 * A component made with Ant Design, loaded on first render together with Ant Design's scope
 * (AntAppShell.tsx) — for the parts of the first screen that need antd but not before the first
 * results: the search filters, sort and pager, menus, banners.
 */
export function antLazy<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => Promise.all([load(), import('./AntAppShell')]).then(([C, shell]) => ({ default: shell.withAnt(C) })));
}
