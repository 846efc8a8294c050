import { useState } from 'react';
import { App as AntApp, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Achievement, Demand } from '../api/types';
import { LISTING_TRANSITIONS, canTakeAction, isEditable } from '@techbridge/api/contract';
import { errorText } from '../lib/hooks';
import { LISTING_KINDS, type ListingKind as Kind } from '../lib/listingKinds';
import { LinkButton } from './LinkButton';
import { useAuth } from '../auth/AuthContext';

type Listing = Achievement | Demand;


/** The owner's buttons for a listing: edit, publish, withdraw (and close for demands), delete while a draft. */
export function ListingActions({
  kind,
  listing,
  onChange,
  onDeleted,
  compact,
}: {
  kind: Kind;
  listing: Listing;
  onChange: (l: Listing) => void;
  /** After a draft was deleted (default: back to the organisation's listings). */
  onDeleted?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const { api: base, page: path } = LISTING_KINDS[kind];

  const act = async (action: string) => {
    setBusy(action);
    try {
      const updated = await api.post<Listing>(`${base}/${listing.id}/${action}`, { version: listing.version });
      onChange(updated);
      message.success(t(`listingActions.done.${action}`));
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const navigate = useNavigate();
  const remove = async () => {
    setBusy('delete');
    try {
      await api.del(`${base}/${listing.id}`);
      message.success(t('listingActions.done.delete'));
      if (onDeleted) onDeleted();
      else navigate(`/my?tab=${kind}s`);
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  const { org } = useAuth();
  const size = compact ? 'small' : 'middle';
  const block = !compact;
  // publishing needs a verified organisation (the server's assertVerifiedOrg): not offered before
  const possible = Object.keys(LISTING_TRANSITIONS[kind]).filter(
    (action) => canTakeAction(kind, action, listing.status) && (action !== 'publish' || !!org?.verified),
  );
  return (
    <Space orientation={compact ? 'horizontal' : 'vertical'} wrap style={compact ? undefined : { width: '100%' }}>
      {isEditable(kind, listing.status) && (
        <LinkButton to={`${path}/${listing.id}/edit`} size={size} block={block}>
          {t('listingActions.edit')}
        </LinkButton>
      )}
      {possible.map((action) =>
        action === 'publish' ? (
          <Button key={action} type="primary" size={size} block={block} loading={busy === action} onClick={() => void act(action)}>
            {t('listingActions.publish')}
          </Button>
        ) : (
          <Popconfirm
            key={action}
            title={t(`listingActions.confirm.${action}`)}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={() => void act(action)}
          >
            <Button size={size} block={block} danger={action === 'withdraw'} loading={busy === action}>
              {t(`listingActions.${action}`)}
            </Button>
          </Popconfirm>
        ),
      )}
      {listing.status === 'draft' && (
        <Popconfirm
          title={t('listingActions.confirm.delete')}
          okText={t('listingActions.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.no')}
          onConfirm={() => void remove()}
        >
          <Button size={size} block={block} danger loading={busy === 'delete'}>
            {t('listingActions.delete')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
