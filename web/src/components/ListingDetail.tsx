import type { ReactNode } from 'react';
import { Breadcrumb, Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Achievement, Demand } from '../api/types';
import { pick } from '../lib/format';
import { useLang } from '../lib/hooks';
import { LISTING_KINDS, type ListingKind } from '../lib/listingKinds';
import { ListingFeedback } from './ListingFeedback';
import { StatusTag } from './StatusTag';

/**
 * A listing's page: `crumb` (a link back to its list) in the breadcrumb, the title with the status
 * unless the listing is live, `children` in the main card, `side` in the side column, and for the
 * owner of a listing past draft, the feedback it has had.
 */
export function ListingDetail({
  kind,
  listing,
  crumb,
  side,
  children,
}: {
  kind: ListingKind;
  listing: Achievement | Demand;
  crumb: ReactNode;
  side: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const title = pick(listing.title, lang);
  return (
    <div className="tb-detail">
      <Breadcrumb items={[{ title: crumb }, { title }]} />
      <Row gutter={[24, 24]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={16}>
          <Card>
            <div className="tb-detail-head">
              <Typography.Title level={1} className="tb-detail-title">
                {title}
              </Typography.Title>
              {listing.status !== LISTING_KINDS[kind].live && <StatusTag status={listing.status} />}
            </div>
            {children}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {side}
          {listing.access.owner && listing.status !== 'draft' && (
            <Card className="tb-side-card" title={<h2 className="tb-card-h">{t('feedback.title')}</h2>}>
              <ListingFeedback kind={kind} id={listing.id} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

/** The side card: a price (asking price, budget) under its label, then `children`. */
export function PriceCard({ label, price, children }: { label: string; price: string; children: ReactNode }) {
  return (
    <Card className="tb-side-card">
      <div className="tb-side-price">
        <span className="tb-price-label">{label}</span>
        <span className="tb-price tb-price-big">{price}</span>
      </div>
      {children}
    </Card>
  );
}

/** A section of the listing's own words (summary, description) followed by its keywords. */
export function ListingTextSection({ headingId, heading, text, keywords }: { headingId: string; heading: string; text: string; keywords: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="tb-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <Typography.Paragraph className="tb-prose">{text}</Typography.Paragraph>
      {keywords.length > 0 && (
        <div className="tb-tags" aria-label={t('listing.keywords')}>
          {keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </div>
      )}
    </section>
  );
}
