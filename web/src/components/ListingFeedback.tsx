import { Empty, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ListingFeedback as Feedback } from '../api/types';
import { ErrorState } from './States';
import { formatDate } from '../lib/format';
import { useLang, useRequest } from '../lib/hooks';

/** For the owner: what a listing drew (matches, interest) and why counterparts declined. */
export function ListingFeedback({ kind, id }: { kind: 'achievement' | 'demand'; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useRequest(() => api.get<Feedback>(`/api/feedback/${kind === 'achievement' ? 'achievements' : 'demands'}/${id}`), [kind, id]);
  if (res.error) return <ErrorState compact error={res.error} onRetry={res.reload} />;
  const f = res.data;
  if (!f) return null;
  const reasons = Object.entries(f.declines).filter(([, n]) => n > 0);
  return (
    <div data-testid="listing-feedback">
      <Space size={32} wrap>
        <Statistic title={t('feedback.matches')} value={f.matches} />
        <Statistic title={t('feedback.interested')} value={f.interested} />
        <Statistic title={t('feedback.declined')} value={f.declined} />
      </Space>
      {reasons.length > 0 ? (
        <div style={{ marginTop: 12 }}>
          {reasons.map(([r, n]) => (
            <Tag key={r} color="orange">
              {t(`decline.reasons.${r}`)} × {n}
            </Tag>
          ))}
          {f.notes.length > 0 && (
            <ul className="tb-feedback-notes">
              {f.notes.map((n, i) => (
                <li key={i}>
                  <Typography.Text type="secondary">{formatDate(n.at, lang)} · {t(`decline.reasons.${n.reason}`)}：</Typography.Text>
                  {n.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        f.matches === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.none')} />
      )}
    </div>
  );
}
