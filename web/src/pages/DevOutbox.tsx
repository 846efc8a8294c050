import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { OutboxMessage } from '../api/types';
import { errorText, useLang } from '../lib/hooks';
import { formatDate, pick } from '../lib/format';

/** A link in an email, as a path of this app (the email's origin is the configured one). */
const inApp = (link: string) => {
  const u = new URL(link, window.location.origin);
  return u.pathname + u.search;
};

/** Development only: the emails the API stored in its outbox (`?to=` one address's); the API serves none in production. */
export default function DevOutbox() {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useSearchParams()[0].get('to') ?? undefined;
  const [items, setItems] = useState<OutboxMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<{ items: OutboxMessage[] }>('/api/dev/outbox', { to }).then(
      (r) => setItems(r.items),
      (err: unknown) => setError(errorText(t, err)),
    );
  }, [t, to]);

  return (
    <Card>
      <Typography.Title level={2}>{t('devOutbox.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('devOutbox.lead')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {items && items.length === 0 && <Empty description={t('devOutbox.empty')} />}
      {items && items.length > 0 && (
        <List
          dataSource={items}
          renderItem={(m) => (
            <List.Item key={m.id}>
              <Card
                size="small"
                style={{ width: '100%' }}
                data-testid="outbox-message"
                title={pick(m.subject, lang)}
                extra={<Tag>{t(`devOutbox.kinds.${m.kind}`)}</Tag>}
              >
                <Typography.Paragraph type="secondary">
                  {t('devOutbox.to')}: {m.to} · {formatDate(m.createdAt, lang, true)}
                </Typography.Paragraph>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{pick(m.body, lang)}</Typography.Paragraph>
                {m.link && (
                  <Link to={inApp(m.link)} aria-label={`${t('devOutbox.open')}: ${m.to}`}>
                    {t('devOutbox.open')}
                  </Link>
                )}
              </Card>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
