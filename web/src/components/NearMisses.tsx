import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { NearMisses as NearMissList } from '../api/types';
import { ErrorState } from './States';
import { pick } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';

function NearMissItems({ demandId }: { demandId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useRequest(() => api.get<NearMissList>(`/api/demands/${demandId}/near-misses`), [demandId]);
  if (res.error) return <ErrorState compact error={res.error} onRetry={res.reload} />;
  if (res.loading && !res.data) return <Skeleton active />;
  return (
    <List
      dataSource={res.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nearMisses.empty')} /> }}
      renderItem={(x) => (
        <List.Item data-testid="near-miss">
          <List.Item.Meta
            title={
              <Space wrap>
                <Link to={`/achievements/${x.achievement.id}`}>{pick(x.achievement.title, lang)}</Link>
                {pick(x.achievement.org.name, lang) && <Typography.Text type="secondary">{t('nearMisses.by', { org: pick(x.achievement.org.name, lang) })}</Typography.Text>}
              </Space>
            }
            description={
              <div>
                <div>
                  {t('nearMisses.breaks')}
                  {x.breaks.map((b) => (
                    <Tag key={b.constraint} color="orange" data-constraint={b.constraint}>
                      {lang === 'en' ? b.en : b.zh}
                    </Tag>
                  ))}
                </div>
                <div>
                  {t('nearMisses.shares')}
                  {pick(x.summary, lang)}
                </div>
              </div>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** For a demand's owner, on request: achievements on its subject that break one of its hard constraints, apart from its matches. */
export function NearMisses({ demandId }: { demandId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="tb-section" aria-labelledby="near-h" data-testid="near-misses">
      <h2 id="near-h">{t('nearMisses.title')}</h2>
      <Typography.Paragraph type="secondary">{t('nearMisses.intro')}</Typography.Paragraph>
      <Button onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? t('nearMisses.hide') : t('nearMisses.show')}
      </Button>
      {open && <NearMissItems demandId={demandId} />}
    </section>
  );
}
