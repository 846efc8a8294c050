import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModeTerms } from '../api/types';
import { formatWan } from '@techbridge/api/contract';
import { modeName } from '../lib/format';
import { useLang } from '../lib/hooks';

/** The terms a listing offers per deal mode, in words. */
export function ModeTermsView({ modes }: { modes: ModeTerms[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const neg = t('listing.negotiable');
  return (
    <div className="tb-modes">
      {modes.map((m) => (
        <Descriptions
          key={m.mode}
          size="small"
          bordered
          column={1}
          className="tb-mode-terms"
          title={<Tag color="purple">{modeName(m.mode, lang)}</Tag>}
          items={
            m.mode === 'license'
              ? [
                  { key: 'fee', label: t('terms.upfrontFee'), children: m.askingPrice ? formatWan(m.askingPrice, lang) : neg },
                  { key: 'royalty', label: t('terms.minRoyaltyRate'), children: m.minRoyaltyRate != null ? `${m.minRoyaltyRate}%` : neg },
                  { key: 'excl', label: t('terms.exclusivity'), children: m.exclusivity.map((e) => t(`terms.exclusivityKinds.${e}`)).join(' / ') },
                ]
              : m.mode === 'transfer'
                ? [{ key: 'price', label: t('terms.transferPrice'), children: m.askingPrice ? formatWan(m.askingPrice, lang) : neg }]
                : [
                    { key: 'valuation', label: t('terms.valuation'), children: m.equity ? formatWan(m.equity.valuation, lang) : neg },
                    { key: 'share', label: t('terms.maxSharePct'), children: m.equity ? `${m.equity.maxSharePct}%` : neg },
                  ]
          }
        />
      ))}
    </div>
  );
}
