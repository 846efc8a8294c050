import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert as Notice, Button, Card, Empty, List, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Notification, NotificationList } from '../api/types';
import { ErrorState } from '../components/States';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';
import { onNotification } from '../lib/realtime';

const PAGE_SIZE = 20;

/** All of a user's notifications, paged (`/notifications?page=&unread=`): open one, mark one or all read. */
export default function Notifications() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unreadOnly = params.get('unread') === 'true';
  const list = useRequest(
    () => api.get<NotificationList>('/api/notifications', { page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: 'true' } : {}) }),
    [page, unreadOnly],
  );
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!list.data) return;
    setItems(list.data.items);
    setUnread(list.data.unread);
  }, [list.data]);

  // A new notification or a read elsewhere (the bell, another tab): the unread count follows at once;
  // the first page also shows the new one.
  const { reload } = list;
  useEffect(
    () =>
      onNotification({
        created: ({ unread: count }) => {
          setUnread(count);
          if (page === 1) reload();
        },
        read: ({ unread: count }) => setUnread(count),
      }),
    [page, reload],
  );

  const go = (next: { page?: number; unread?: boolean }) => {
    const p = new URLSearchParams();
    const u = next.unread ?? unreadOnly;
    if (u) p.set('unread', 'true');
    const pg = next.page ?? 1;
    if (pg > 1) p.set('page', String(pg));
    setParams(p);
  };

  const markRead = async (ids: string[] | 'all') => {
    setError(null);
    try {
      const res = await api.post<{ updated: number; unread: number }>('/api/notifications/read', ids === 'all' ? { all: true } : { ids });
      setUnread(res.unread);
      if (unreadOnly) reload();
      else setItems((prev) => prev.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)));
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  const open = (n: Notification) => {
    if (!n.read) void markRead([n.id]);
    if (n.link) navigate(n.link);
  };

  const total = list.data?.total ?? 0;
  return (
    <Card
      title={<h1 className="tb-card-h">{t('notifications.title')}</h1>}
      extra={
        <Button onClick={() => void markRead('all')} disabled={unread === 0} data-testid="notes-read-all">
          {t('notifications.readAll')}
        </Button>
      }
    >
      <div className="tb-notes-bar">
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => go({ unread: v === 'unread' })}
          options={[
            { value: 'all', label: t('notifications.filterAll') },
            { value: 'unread', label: t('notifications.filterUnread') },
          ]}
        />
        <Typography.Text type="secondary" data-testid="notes-summary">
          {unreadOnly ? t('notifications.summaryUnread', { unread }) : t('notifications.summary', { total, unread })}
        </Typography.Text>
      </div>
      {error && <Notice type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <List
          loading={list.loading}
          dataSource={items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unreadOnly ? 'notifications.noneUnread' : 'notifications.empty')} /> }}
          pagination={
            total > PAGE_SIZE
              ? { current: page, pageSize: PAGE_SIZE, total, onChange: (p) => go({ page: p }), showSizeChanger: false, size: 'small' }
              : false
          }
          renderItem={(n) => (
            <List.Item
              className={n.read ? 'tb-note tb-note-row' : 'tb-note tb-note-row tb-note-unread'}
              data-testid="note-row"
              actions={
                n.read
                  ? []
                  : [
                      <Button key="read" type="link" size="small" onClick={() => void markRead([n.id])}>
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <button type="button" className="tb-note-btn" onClick={() => open(n)}>
                <span className="tb-note-title">{pick(n.title, lang) || t(`notifications.kind.${n.kind}`, { defaultValue: n.kind })}</span>
                {n.body && <span className="tb-note-body">{pick(n.body, lang)}</span>}
                <span className="tb-note-time">{formatDate(n.createdAt, lang, true)}</span>
              </button>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
