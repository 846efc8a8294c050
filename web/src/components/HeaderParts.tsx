// The header's parts made with Ant Design, loaded when shown (signed-in menus, the header search
// on wide screens away from home, banners), so the home page's first load has no antd.
import { useState, type ReactNode } from 'react';
import { Alert, Avatar, Button, Popover } from 'antd';
import SearchInput from 'antd/es/input/Search';
import { DownOutlined, UserOutlined } from '@ant-design/icons';

/** A popover whose panel sits right after its trigger in the DOM, so Tab moves into it naturally. */
export function InlinePopover({ content, children, label }: { content: ReactNode; children: ReactNode; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      content={<div onClick={() => setOpen(false)}>{content}</div>}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
      getPopupContainer={(node) => node.parentElement ?? document.body}
      aria-label={label}
    >
      {children}
    </Popover>
  );
}

/** The signed-in user's button and menu. */
export function UserMenu({ label, name, wide, panel }: { label: string; name: string; wide: boolean; panel: ReactNode }) {
  return (
    <InlinePopover label={label} content={panel}>
      <Button type="text" className="tb-user-btn" aria-label={label} aria-haspopup="true" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1656d8' }} />
        {wide && <span className="tb-user-name">{name}</span>}
        {wide && <DownOutlined style={{ fontSize: 10 }} />}
      </Button>
    </InlinePopover>
  );
}

/** The header's search box (wide screens, away from the home page). */
export function HeaderSearch({ label, placeholder, onSearch }: { label: string; placeholder: string; onSearch: (q: string) => void }) {
  return <SearchInput className="tb-header-search" aria-label={label} placeholder={placeholder} allowClear onSearch={onSearch} />;
}

/** A banner under the header: the session could not be checked (with a retry), the organisation is unverified. */
export function Banner({ type, title, action, retry, testId }: { type: 'error' | 'info'; title: string; action?: ReactNode; retry?: { label: string; onClick: () => void }; testId?: string }) {
  const act = retry ? (
    <Button size="small" onClick={retry.onClick}>
      {retry.label}
    </Button>
  ) : (
    action
  );
  return <Alert type={type} showIcon banner title={title} action={act} data-testid={testId} />;
}
