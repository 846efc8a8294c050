import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Badge, Button, Card, Col, Collapse, Empty, Grid, Input, Modal, Popconfirm, Progress, Row, Space, Steps, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined, SendOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DealSide, DealStatus, DealView, MessageView, OfferHistoryItem, OfferView } from '@techbridge/api/deals/deals.events';
import { DEAL_FLOW, DEAL_STATUS_COLORS, transitionsFor } from '@techbridge/api/contract';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, PageLoading } from '../components/States';
import { OfferComposer } from '../components/OfferComposer';
import { Attachments } from '../components/Attachments';
import { ContractPanel } from '../components/ContractPanel';
import { PaymentsPanel } from '../components/PaymentsPanel';
import { yuanText } from '../lib/payments';
import { errorText, useLang } from '../lib/hooks';
import { formatDate, modeName, pick } from '../lib/format';
import { changedIn, termLabel, termLines, termValue } from '../lib/offers';
import { useDealRoom, type Connection } from '../lib/useDealRoom';

function ConnectionBadge({ state }: { state: Connection }) {
  const { t } = useTranslation();
  const status = state === 'connected' ? 'success' : state === 'offline' ? 'error' : 'warning';
  return (
    <span data-testid="connection" data-state={state} role="status" aria-live="polite">
      <Badge status={status} text={t(`deal.connection.${state}`)} />
    </span>
  );
}

/** The current offer: its terms, who made it, who accepted, and what this side may do with it. */
function CurrentOffer({ deal, side, onAction, busy }: { deal: DealView; side: DealSide | null; onAction: (a: 'accept' | 'reject' | 'withdraw') => void; busy: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const o = deal.currentOffer;
  if (!o) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offer.none')} />;
  const mine = side === o.side;
  const accepted = o.acceptances.some((a) => a.side === side);
  const principal = side === 'supplier' || side === 'buyer';
  return (
    <div data-testid="current-offer" data-version={o.version}>
      <div className="tb-offer-head">
        <span className="tb-strong">{t('offer.versionN', { n: o.version })}</span>
        <Tag color={o.status === 'accepted' ? 'green' : o.status === 'open' ? 'blue' : 'default'}>{t(`offer.statuses.${o.status}`)}</Tag>
      </div>
      <Typography.Text type="secondary" className="tb-offer-by">
        {t('offer.by', { name: o.author.name, side: t(`deal.sides.${o.side}`), date: formatDate(o.createdAt, lang, true) })}
      </Typography.Text>
      <dl className="tb-terms">
        {termLines(t, o.terms, lang).map((l) => (
          <div key={l.path} className="tb-term">
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
      {o.note && <Typography.Paragraph className="tb-offer-note">“{o.note}”</Typography.Paragraph>}
      {o.acceptances.length > 0 && (
        <div className="tb-acceptances">
          {o.acceptances.map((a) => (
            <Tag key={a.side} icon={<CheckOutlined />} color="green">
              {t('offer.acceptedBy', { side: t(`deal.sides.${a.side}`), name: a.name })}
            </Tag>
          ))}
        </div>
      )}
      {o.status === 'open' && principal && (
        <Space wrap style={{ marginTop: 12 }}>
          {!accepted && (
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'accept'} onClick={() => onAction('accept')}>
              {t('offer.accept')}
            </Button>
          )}
          {!mine && (
            <Button danger icon={<CloseOutlined />} loading={busy === 'reject'} onClick={() => onAction('reject')}>
              {t('offer.reject')}
            </Button>
          )}
          {mine && (
            <Button icon={<RollbackOutlined />} loading={busy === 'withdraw'} onClick={() => onAction('withdraw')}>
              {t('offer.withdraw')}
            </Button>
          )}
        </Space>
      )}
      {accepted && o.status === 'open' && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('offer.waitingOther')} />}
    </div>
  );
}

/** Every version, newest first, each showing what changed from the version before. */
function OfferHistory({ items }: { items: OfferHistoryItem[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offer.none')} />;
  const list = [...items].reverse();
  return (
    <Collapse
      key={list.length}
      size="small"
      defaultActiveKey={list.slice(0, 1).map((o) => String(o.version))}
      data-testid="offer-history"
      items={list.map((o) => ({
        key: String(o.version),
        label: (
          <span>
            {t('offer.versionN', { n: o.version })} · {t(`deal.sides.${o.side}`)} · <Tag>{t(`offer.statuses.${o.status}`)}</Tag>
          </span>
        ),
        children: (
          <div data-testid={`offer-v${o.version}`}>
            {o.diff && o.diff.length > 0 && (
              <div className="tb-diff" aria-label={t('offer.changesFrom', { n: o.replacesVersion })}>
                <div className="tb-diff-title">{t('offer.changesFrom', { n: o.replacesVersion })}</div>
                {o.diff.map((c) => (
                  <div key={c.path} className="tb-diff-row" data-testid="diff-row">
                    <span className="tb-diff-label">{termLabel(t, c.path)}</span>
                    <span className="tb-diff-from">{termValue(t, c.path, c.from, lang)}</span>
                    <SwapOutlined aria-hidden />
                    <span className="tb-diff-to">{termValue(t, c.path, c.to, lang)}</span>
                  </div>
                ))}
              </div>
            )}
            <dl className="tb-terms">
              {termLines(t, o.terms, lang).map((l) => (
                <div key={l.path} className={changedIn(o.diff, l.path) ? 'tb-term tb-term-changed' : 'tb-term'}>
                  <dt>{l.label}</dt>
                  <dd>{l.value}</dd>
                </div>
              ))}
            </dl>
            {o.closeReason && <Typography.Text type="secondary">{t('offer.reason', { reason: o.closeReason })}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}

function SystemLine({ m }: { m: MessageView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const e = m.event;
  if (!e) return null;
  const text =
    e.action === 'deal.transitioned' || e.action === 'deal.agreed'
      ? t('deal.events.transitioned', { to: t(`deal.statuses.${e.to ?? ''}`) })
      : e.action === 'deal.opened'
        ? t('deal.events.opened')
        : e.action.startsWith('payment.') || e.action === 'royalty.reported'
          ? t(`payments.events.${e.action.replace('.', '_')}`, { item: e.label ? pick(e.label, lang) : '', amount: e.amount != null ? yuanText(e.amount, lang) : '', period: e.period ?? '' })
        : e.action === 'contract.signed' || e.action === 'contract.revised'
          ? t(`contract.events.${e.action.slice('contract.'.length)}`, { side: e.side ? t(`deal.sides.${e.side}`) : '', name: e.signer ?? '', revision: e.revision ?? '' })
        : t(`deal.events.${e.action.replace('offer.', '')}`, { version: e.version ?? '', side: m.side ? t(`deal.sides.${m.side}`) : t('deal.someSide') });
  return (
    <div className="tb-msg-system" data-seq={m.seq}>
      {text}
      {e.reason ? ` · ${e.reason}` : ''}
    </div>
  );
}

/** The negotiation room: chat, structured offers with history and differences, status timeline. */
export default function DealRoom() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const room = useDealRoom(id);
  const [text, setText] = useState('');
  const [composer, setComposer] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const screens = Grid.useBreakpoint();
  const narrow = !(screens.md ?? true);
  const typingSent = useRef(0);

  const deal = room.deal;
  const side: DealSide | null = useMemo(() => {
    if (!deal || !user?.orgId) return null;
    if (deal.supplier.id === user.orgId) return 'supplier';
    if (deal.buyer.id === user.orgId) return 'buyer';
    if (deal.broker?.id === user.orgId) return 'broker';
    return null;
  }, [deal, user?.orgId]);

  useEffect(() => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [room.messages.length, room.pending.length]);

  if (room.joinError && !deal) return <ErrorState error={room.joinError} />;
  if (!deal) return <PageLoading label={t('deal.joining')} />;

  const negotiable = deal.status === 'open' || deal.status === 'negotiating';
  const roomOpen = !['completed', 'cancelled'].includes(deal.status);

  const act = async (action: 'accept' | 'reject' | 'withdraw') => {
    const o = deal.currentOffer as OfferView;
    setBusy(action);
    try {
      const res = await room.command(`offer:${action}`, { version: o.version });
      if (res.deal.status === 'agreed') message.success(t('deal.agreedToast'));
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const transition = async (to: DealStatus, reason?: string) => {
    setBusy(`to-${to}`);
    try {
      await room.command('deal:transition', { to, ...(reason ? { reason } : {}) });
      setCancelOpen(false);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const send = () => {
    const v = text.trim();
    if (!v) return;
    room.send(v);
    setText('');
    room.notifyTyping(false);
  };

  const cancelled = deal.status === 'cancelled';
  const stepIndex = cancelled ? -1 : DEAL_FLOW.indexOf(deal.status);
  // what this side may do now: the server's own rule (transitionsFor), so nothing offered is refused
  const offered = transitionsFor(deal.status, side);
  const manual = offered.filter((s) => s !== 'cancelled');

  return (
    <div className="tb-room">
      <Card className="tb-room-head">
        <div className="tb-room-title">
          <div>
            <Typography.Title level={1} className="tb-detail-title" style={{ marginBottom: 4 }}>
              {t('deal.roomTitle')}：<Link to={`/achievements/${deal.achievement.id}`}>{pick(deal.achievement.title, lang)}</Link>
            </Typography.Title>
            <Space wrap size={[12, 4]} className="tb-listing-meta">
              <Tag color="purple">{modeName(deal.mode, lang)}</Tag>
              <Tag color={DEAL_STATUS_COLORS[deal.status]} data-testid="deal-status">
                {t(`deal.statuses.${deal.status}`)}
              </Tag>
              <span>
                {t('deal.sides.supplier')}：{pick(deal.supplier.name, lang)}
              </span>
              <span>
                {t('deal.sides.buyer')}：{pick(deal.buyer.name, lang)}
              </span>
              {deal.broker && (
                <span>
                  {t('deal.sides.broker')}：{pick(deal.broker.name, lang)}
                </span>
              )}
            </Space>
          </div>
          <ConnectionBadge state={room.connection} />
        </div>
        {narrow ? (
          <div className="tb-room-progress" aria-label={t('deal.timeline')}>
            <Progress percent={cancelled ? 100 : Math.round(((stepIndex + 1) / DEAL_FLOW.length) * 100)} steps={DEAL_FLOW.length} status={cancelled ? 'exception' : 'normal'} showInfo={false} size={[40, 6]} />
            <span>{t('deal.stepOf', { n: cancelled ? '–' : stepIndex + 1, total: DEAL_FLOW.length, status: t(`deal.statuses.${deal.status}`) })}</span>
          </div>
        ) : (
          <Steps
            size="small"
            className="tb-room-steps"
            current={stepIndex}
            status={cancelled ? 'error' : deal.status === 'completed' ? 'finish' : 'process'}
            items={DEAL_FLOW.map((s) => ({ title: t(`deal.statuses.${s}`) }))}
            aria-label={t('deal.timeline')}
          />
        )}
        {cancelled && <Alert type="error" showIcon title={t('deal.cancelledWith', { reason: deal.cancelReason })} />}
        {deal.status === 'agreed' && <Alert type="success" showIcon title={t('deal.agreedBanner', { n: deal.agreedOfferVersion ?? '' })} data-testid="agreed-banner" />}
        {side && roomOpen && offered.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            {manual.map((s) => (
              <Popconfirm key={s} title={t('deal.confirmTransition', { to: t(`deal.statuses.${s}`) })} okText={t('common.yes')} cancelText={t('common.no')} onConfirm={() => void transition(s)}>
                <Button loading={busy === `to-${s}`}>{t(`deal.moveTo.${s}`)}</Button>
              </Popconfirm>
            ))}
            {offered.includes('cancelled') && (
              <Button danger onClick={() => setCancelOpen(true)}>
                {t('deal.cancel')}
              </Button>
            )}
          </Space>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="tb-card-h">{t('deal.chat')}</h2>} className="tb-chat-card">
            <div className="tb-chat" ref={listRef} role="log" aria-live="polite" aria-label={t('deal.chat')} data-testid="chat">
              {room.messages.length === 0 && room.pending.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deal.noMessages')} />}
              {room.messages.map((m) =>
                m.kind === 'system' ? (
                  <SystemLine key={m.seq} m={m} />
                ) : (
                  <div key={m.seq} className={m.author?.id === user?.id ? 'tb-msg tb-msg-mine' : 'tb-msg'} data-seq={m.seq} data-testid="message">
                    <div className="tb-msg-meta">
                      {m.author?.name ?? ''} {m.side ? `· ${t(`deal.sides.${m.side}`)}` : ''} · {formatDate(m.createdAt, lang, true)}
                    </div>
                    {m.kind === 'offer' && m.offer ? (
                      <div className="tb-msg-bubble tb-msg-offer">
                        <div className="tb-strong">{t('offer.sentVersion', { n: m.offer.version })}</div>
                        <div className="tb-msg-offer-lines">
                          {termLines(t, m.offer.terms, lang)
                            .slice(0, 6)
                            .map((l) => `${l.label}：${l.value}`)
                            .join('；')}
                        </div>
                        {m.offer.note && <div>“{m.offer.note}”</div>}
                      </div>
                    ) : (
                      <div className="tb-msg-bubble">{m.text}</div>
                    )}
                  </div>
                ),
              )}
              {room.pending.map((p) => (
                <div key={p.clientMsgId} className="tb-msg tb-msg-mine tb-msg-pending">
                  <div className="tb-msg-bubble">{p.text}</div>
                  <div className="tb-msg-meta">
                    {p.failed ? (
                      <Button size="small" type="link" danger onClick={() => room.send(p.text, p.clientMsgId)}>
                        {t('deal.sendFailedRetry')}
                      </Button>
                    ) : (
                      t('deal.sending')
                    )}
                  </div>
                </div>
              ))}
            </div>
            <div className="tb-typing" aria-live="polite">
              {room.typing.length > 0 ? t('deal.typing', { name: room.typing.join('、') }) : ''}
            </div>
            {side && roomOpen ? (
              <div className="tb-composer">
                <Input.TextArea
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    if (Date.now() - typingSent.current > 2000) {
                      typingSent.current = Date.now();
                      room.notifyTyping(true);
                    }
                  }}
                  onPressEnter={(e) => {
                    if (!e.shiftKey && !e.nativeEvent.isComposing) {
                      e.preventDefault();
                      send();
                    }
                  }}
                  autoSize={{ minRows: 1, maxRows: 5 }}
                  placeholder={t('deal.messagePlaceholder')}
                  aria-label={t('deal.messageLabel')}
                  maxLength={4000}
                />
                <Button type="primary" icon={<SendOutlined />} onClick={send} disabled={!text.trim()}>
                  {t('deal.send')}
                </Button>
              </div>
            ) : (
              <Typography.Text type="secondary">{t('deal.roomClosed')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <ContractPanel deal={deal} activity={room.messages.reduce((n, m) => n + (m.kind === 'system' ? 1 : 0), 0)} />
          <PaymentsPanel deal={deal} activity={room.messages.length} />
          <Card
            title={<h2 className="tb-card-h">{t('offer.current')}</h2>}
            extra={
              side && side !== 'broker' && negotiable ? (
                <Button type="primary" onClick={() => setComposer(true)} data-testid="open-composer">
                  {deal.currentOffer?.status === 'open' ? t('offer.counter') : t('offer.make')}
                </Button>
              ) : null
            }
            className="tb-side-card"
          >
            <CurrentOffer deal={deal} side={side} busy={busy} onAction={(a) => void act(a)} />
          </Card>
          <Card title={<h2 className="tb-card-h">{t('offer.history')}</h2>} className="tb-side-card">
            {room.offersError ? <ErrorState compact error={room.offersError} onRetry={() => void room.reloadOffers()} /> : <OfferHistory items={room.offers ?? []} />}
          </Card>
          <Card className="tb-side-card">
            <Attachments target="deal" id={deal.id} canEdit={!!side} title={t('files.dealTitle')} />
          </Card>
        </Col>
      </Row>
      <OfferComposer
        deal={deal}
        open={composer}
        onClose={() => setComposer(false)}
        onSubmit={(body) => room.command('offer:create', body)}
        onSent={() => message.success(t('offer.sent'))}
      />
      <Modal
        open={cancelOpen}
        title={t('deal.cancelTitle')}
        onCancel={() => setCancelOpen(false)}
        okText={t('deal.cancel')}
        okButtonProps={{ danger: true, disabled: !cancelReason.trim(), loading: busy === 'to-cancelled' }}
        cancelText={t('common.no')}
        onOk={() => void transition('cancelled', cancelReason.trim())}
      >
        <Typography.Paragraph>{t('deal.cancelLead')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={cancelReason} onChange={(e) => setCancelReason(e.target.value)} aria-label={t('deal.cancelReason')} maxLength={1000} />
      </Modal>
    </div>
  );
}
