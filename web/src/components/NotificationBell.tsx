import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Notification, NotificationList } from '../api/types';
import { errorText, useLang } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';
import { onNotification } from '../lib/realtime';

/** The bell: unread count, the latest notifications, live updates over Socket.IO. */
export default function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const res = await api.get<NotificationList>('/api/notifications', { pageSize: 10 });
      setItems(res.items);
      setUnread(res.unread);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
    return onNotification({
      created: ({ notification, unread: count }) => {
        setItems((prev) => [notification, ...prev.filter((p) => p.id !== notification.id)].slice(0, 10));
        setUnread(count);
      },
      read: ({ unread: count }) => setUnread(count),
    });
  }, [load]);

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.read) {
      setItems((prev) => prev.map((p) => (p.id === n.id ? { ...p, read: true } : p)));
      setUnread((u) => Math.max(0, u - 1));
      void api.post('/api/notifications/read', { ids: [n.id] }).catch(() => undefined);
    }
    if (n.link) navigate(n.link);
  };

  const readAll = async () => {
    try {
      await api.post('/api/notifications/read', { all: true });
      setItems((prev) => prev.map((p) => ({ ...p, read: true })));
      setUnread(0);
    } catch (err) {
      setError(err);
    }
  };

  const content = (
    <div className="tb-bell-panel" data-testid="bell-panel">
      {error ? (
        <Typography.Text type="danger" role="alert">
          {errorText(t, error)}
        </Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item className={n.read ? 'tb-note' : 'tb-note tb-note-unread'}>
              <button type="button" className="tb-note-btn" onClick={() => void openOne(n)}>
                <span className="tb-note-title">{pick(n.title, lang) || t(`notifications.kind.${n.kind}`, { defaultValue: n.kind })}</span>
                {n.body && <span className="tb-note-body">{pick(n.body, lang)}</span>}
                <span className="tb-note-time">{formatDate(n.createdAt, lang, true)}</span>
              </button>
            </List.Item>
          )}
        />
      )}
      <div className="tb-bell-foot">
        <Button
          type="link"
          size="small"
          data-testid="bell-view-all"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('notifications.viewAll')}
        </Button>
      </div>
    </div>
  );

  return (
    <Popover
      content={content}
      title={
        <div className="tb-bell-title">
          <span>{t('notifications.title')}</span>
          {unread > 0 && (
            <Button type="link" size="small" onClick={() => void readAll()}>
              {t('notifications.readAll')}
            </Button>
          )}
        </div>
      }
      trigger="click"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      placement="bottomRight"
      getPopupContainer={(node) => node.parentElement ?? document.body}
    >
      <Button type="text" aria-label={t('notifications.bell', { count: unread })} data-testid="bell">
        <Badge count={unread} size="small" data-testid="bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
