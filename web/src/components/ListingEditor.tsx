import type { ReactNode } from 'react';
import { Alert, Button, Divider, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';

/** An editor's heading, the note for unverified organisations, `children` (e.g. steps) and the last save error. */
export function EditorHead({ title, error, children }: { title: string; error: string | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const { org } = useAuth();
  return (
    <>
      <Typography.Title level={2}>{title}</Typography.Title>
      {!org?.verified && <Alert type="info" showIcon title={t('editor.unverifiedNote')} style={{ marginBottom: 16 }} />}
      {children}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="form-error" />}
    </>
  );
}

/**
 * An editor's buttons: `nav` on the left; on the right the form's submit and, while the listing is
 * new (`status` undefined) or a draft, save-and-publish, which an unverified organisation cannot use.
 */
export function EditorActions({
  nav = <span />,
  submitLabel,
  status,
  busy,
  onPublish,
  children,
}: {
  nav?: ReactNode;
  submitLabel: string;
  status: string | undefined;
  busy: 'save' | 'publish' | null;
  onPublish: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { org } = useAuth();
  return (
    <>
      <Divider />
      <div className="tb-form-actions">
        {nav}
        <Space wrap>
          <Button htmlType="submit" loading={busy === 'save'}>
            {submitLabel}
          </Button>
          {(status === undefined || status === 'draft') && (
            <Button type="primary" loading={busy === 'publish'} onClick={onPublish} disabled={!org?.verified}>
              {t('editor.saveAndPublish')}
            </Button>
          )}
          {children}
        </Space>
      </div>
    </>
  );
}
