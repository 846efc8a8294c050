// What the first screen draws before Ant Design is loaded: the home page's header, search box,
// result cards and placeholders are plain elements styled like Ant Design's (styles.css, "Plain
// look-alikes"), so the home page's initial JavaScript holds React, the router and i18next, not
// antd and its CSS-in-JS runtime. Everything else uses Ant Design, loaded lazily (AntAppShell.tsx).
import { createElement, useEffect, useState, type ButtonHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { AbstractNode, IconDefinition } from '@ant-design/icons-svg/es/types';

const svgChildren = (nodes: AbstractNode[] | undefined): ReactNode[] =>
  (nodes ?? []).map((n, i) => createElement(n.tag, { key: i, ...n.attrs }, ...svgChildren(n.children)));

/** An Ant Design icon from its SVG definition, in the markup @ant-design/icons renders. */
export function Icon({ def, label, className, style }: { def: IconDefinition; label?: string; className?: string; style?: React.CSSProperties }) {
  const node = typeof def.icon === 'function' ? def.icon('currentColor', '#e6f4ff') : def.icon;
  return (
    <span role="img" aria-label={label ?? def.name} className={`anticon anticon-${def.name}${className ? ` ${className}` : ''}`} style={style}>
      {createElement(
        'svg',
        { ...node.attrs, 'data-icon': def.name, width: '1em', height: '1em', fill: 'currentColor', 'aria-hidden': 'true' },
        ...svgChildren(node.children),
      )}
    </span>
  );
}

export type TagColor = 'blue' | 'green' | 'purple' | 'default';

/** A filled tag as Ant Design's `<Tag color>` draws it. */
export function Chip({ color = 'default', title, children }: { color?: TagColor; title?: string; children: ReactNode }) {
  return (
    <span className={`tb-chip tb-chip-${color}`} title={title}>
      {children}
    </span>
  );
}

type BtnType = 'primary' | 'default' | 'text' | 'link';

/** A button styled as Ant Design's of the same type. */
export function Btn({ kind = 'default', icon, children, className, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { kind?: BtnType; icon?: ReactNode }) {
  return (
    <button type="button" {...rest} className={`tb-btn tb-btn-${kind}${icon && !children ? ' tb-btn-icon-only' : ''}${className ? ` ${className}` : ''}`}>
      {icon}
      {children !== undefined && children !== null && <span>{children}</span>}
    </button>
  );
}

/** A button-styled link (one <a>), navigating client-side. */
export function LinkBtn({ to, kind = 'default', children }: { to: string; kind?: BtnType; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <a
      href={to}
      className={`tb-btn tb-btn-${kind}`}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      <span>{children}</span>
    </a>
  );
}

/** Ant Design's active skeleton: a title bar and `rows` lines, the last one shorter. */
export function SkeletonBlock({ rows = 3 }: { rows?: number }) {
  return (
    <div className="tb-skeleton" aria-hidden="true">
      <h3 className="tb-skeleton-title" />
      <ul className="tb-skeleton-paragraph">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i} />
        ))}
      </ul>
    </div>
  );
}

/** Ant Design's large spinner. */
export function Spinner() {
  return (
    <span className="tb-spin" aria-hidden="true">
      <i />
      <i />
      <i />
      <i />
    </span>
  );
}

/** Whether a media query matches, kept up to date (Ant Design's breakpoints: lg 992, xxl 1600 px). */
export function useMedia(query: string): boolean {
  const get = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : true);
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setMatches(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return matches;
}

export const LG = '(min-width: 992px)';
export const XXL = '(min-width: 1600px)';

/**
 * Ant Design's large `<Input.Search enterButton allowClear>`: a search box, a clear button while it
 * holds text, and the search button.
 */
export function SearchBox({
  value,
  onChange,
  onSearch,
  placeholder,
  label,
  button,
  clearLabel,
  clearIcon,
  name,
}: {
  value: string;
  onChange: (v: string) => void;
  onSearch: (v: string) => void;
  placeholder: string;
  label: string;
  button: string;
  clearLabel: string;
  clearIcon: ReactNode;
  name?: string;
}) {
  return (
    <span className="tb-searchbox">
      <span className="tb-searchbox-field">
        <input
          type="search"
          name={name}
          value={value}
          placeholder={placeholder}
          aria-label={label}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              onSearch(value);
            }
          }}
        />
        <button
          type="button"
          className={value ? 'tb-searchbox-clear' : 'tb-searchbox-clear tb-hidden'}
          aria-label={clearLabel}
          tabIndex={-1}
          onClick={() => {
            onChange('');
            onSearch('');
          }}
        >
          {clearIcon}
        </button>
      </span>
      <button type="button" className="tb-btn tb-btn-primary tb-searchbox-btn" onClick={() => onSearch(value)}>
        <span>{button}</span>
      </button>
    </span>
  );
}
