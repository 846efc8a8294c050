import { App as AntApp, Button, Card, Col, Empty, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { useState } from 'react';
import type { AgencyLink, DealProposal as Proposal, Paged } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState } from '../components/States';
import { errorText, useLang, useRequest } from '../lib/hooks';
import { formatDate, modeName, pick } from '../lib/format';

// proposals on one page of the list
const PROPOSAL_PAGE = 10;
const AGENCY_PAGE = 10;

/**
 * An org admin answers for the organisation: agencies that asked to add it to their portfolio
 * (accept, decline, later revoke) and brokers' deal proposals (accept opens the deal).
 */
export default function OrgRequests() {
  const { t } = useTranslation();
  const lang = useLang();
  const { org } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [agencyPage, setAgencyPage] = useState(1);
  const agencies = useRequest(() => api.get<Paged<AgencyLink>>(`/api/orgs/${org!.id}/agencies`, { page: agencyPage, pageSize: AGENCY_PAGE }), [org?.id, agencyPage], !!org);
  const [page, setPage] = useState(1);
  const proposals = useRequest(() => api.get<Paged<Proposal>>('/api/deal-proposals', { side: 'received', page, pageSize: PROPOSAL_PAGE }), [page]);

  const act = async (run: () => Promise<unknown>, reload: () => void) => {
    try {
      await run();
      reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };
  const answerAgency = (l: AgencyLink, action: 'accept' | 'decline' | 'revoke') =>
    act(
      () => (action === 'revoke' ? api.del(`/api/orgs/${org!.id}/agencies/${l.agency.id}`) : api.post(`/api/orgs/${org!.id}/agencies/${l.agency.id}/${action}`)),
      agencies.reload,
    );
  const acceptProposal = async (p: Proposal) => {
    try {
      const res = await api.post<{ deal: { id: string } }>(`/api/deal-proposals/${p.id}/accept`);
      navigate(`/deals/${res.deal.id}`);
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={12}>
        <Card title={<h2 className="tb-card-h">{t('orgRequests.agenciesTitle')}</h2>} data-testid="org-agencies">
          <Typography.Paragraph type="secondary">{t('orgRequests.agenciesLead')}</Typography.Paragraph>
          {agencies.error ? (
            <ErrorState error={agencies.error} onRetry={agencies.reload} />
          ) : (
            <List
              loading={agencies.loading}
              dataSource={agencies.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('orgRequests.noAgencies')} /> }}
              pagination={(agencies.data?.total ?? 0) > AGENCY_PAGE ? { current: agencyPage, pageSize: AGENCY_PAGE, total: agencies.data?.total ?? 0, onChange: setAgencyPage, showSizeChanger: false, size: 'small' } : false}
              renderItem={(l) => (
                <List.Item
                  actions={
                    l.status === 'pending'
                      ? [
                          <Button key="a" type="primary" size="small" onClick={() => void answerAgency(l, 'accept')}>
                            {t('orgRequests.accept')}
                          </Button>,
                          <Button key="d" size="small" onClick={() => void answerAgency(l, 'decline')}>
                            {t('orgRequests.decline')}
                          </Button>,
                        ]
                      : [
                          <Popconfirm key="r" title={t('orgRequests.revokeConfirm')} onConfirm={() => void answerAgency(l, 'revoke')} okText={t('common.yes')} cancelText={t('common.no')}>
                            <Button size="small" danger>
                              {t('orgRequests.revoke')}
                            </Button>
                          </Popconfirm>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={pick(l.agency.name, lang)}
                    description={
                      <Space>
                        <Tag color={l.status === 'pending' ? 'gold' : 'green'}>{t(`orgRequests.status.${l.status}`)}</Tag>
                        {formatDate(l.invitedAt, lang)}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<h2 className="tb-card-h">{t('orgRequests.proposalsTitle')}</h2>} data-testid="org-proposals">
          <Typography.Paragraph type="secondary">{t('orgRequests.proposalsLead')}</Typography.Paragraph>
          {proposals.error ? (
            <ErrorState error={proposals.error} onRetry={proposals.reload} />
          ) : (
            <List
              loading={proposals.loading}
              dataSource={proposals.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('orgRequests.noProposals')} /> }}
              pagination={(proposals.data?.total ?? 0) > PROPOSAL_PAGE ? { current: page, pageSize: PROPOSAL_PAGE, total: proposals.data?.total ?? 0, onChange: setPage, showSizeChanger: false } : false}
              renderItem={(p) => (
                <List.Item
                  actions={
                    p.status === 'pending'
                      ? [
                          <Button key="a" type="primary" size="small" onClick={() => void acceptProposal(p)}>
                            {t('orgRequests.acceptProposal')}
                          </Button>,
                          <Button key="d" size="small" onClick={() => void act(() => api.post(`/api/deal-proposals/${p.id}/decline`), proposals.reload)}>
                            {t('orgRequests.decline')}
                          </Button>,
                        ]
                      : p.dealId
                        ? [
                            <Button key="o" type="link" size="small" onClick={() => navigate(`/deals/${p.dealId}`)}>
                              {t('orgRequests.openDeal')}
                            </Button>,
                          ]
                        : []
                  }
                >
                  <List.Item.Meta
                    title={pick(p.achievementTitle, lang)}
                    description={
                      <Space wrap>
                        <Tag>{t(`orgRequests.proposalStatus.${p.status}`)}</Tag>
                        {t('orgRequests.proposedBy', { agency: pick(p.agency.name, lang), mode: modeName(p.mode, lang) })}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
