import { useRef, useState } from 'react';
import { App as AntApp, Button, List, Popconfirm, Typography } from 'antd';
import { DeleteOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { FileInfo, FileList } from '../api/types';
import { errorText, useRequest } from '../lib/hooks';

type Target = 'achievement' | 'demand' | 'deal' | 'org-licence';

/** The file types the server accepts (it checks the bytes; this only narrows the picker). */
export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.doc,.xls,.ppt';
const MAX_MB = 10;

/** "1.2 MB" / "340 KB". */
export const fileSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * A target's attachments: a list of downloads (the server always answers them as attachments), an
 * upload button for those who may attach, removal. Before an achievement's NDA the list says how
 * many there are and that the NDA opens them.
 */
export function Attachments(props: { target: Target; id: string; canEdit: boolean; title?: string; onChange?: (items: FileInfo[]) => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const list = useRequest(() => api.get<FileList>(`/api/attachments/${props.target}/${props.id}`), [props.target, props.id]);
  const items = list.data?.items ?? [];

  const pick = async (file: File) => {
    if (file.size > MAX_MB * 1024 * 1024) {
      message.error(t('files.tooLarge', { mb: MAX_MB }));
      return;
    }
    setBusy(true);
    try {
      const f = await api.sendFile<FileInfo>(`/api/attachments/${props.target}/${props.id}?name=${encodeURIComponent(file.name)}`, file);
      const next = [...items, f];
      list.setData((prev) => ({ ...(prev ?? { count: 0, locked: false }), items: next, count: next.length }) as FileList);
      props.onChange?.(next);
      message.success(t('files.uploaded', { name: f.name }));
    } catch (err) {
      message.error(errorText(t, err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (f: FileInfo) => {
    try {
      await api.del(f.url);
      const next = items.filter((x) => x.id !== f.id);
      list.setData((prev) => ({ ...(prev ?? { locked: false }), items: next, count: next.length }) as FileList);
      props.onChange?.(next);
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <section className="tb-section" aria-labelledby={`files-${props.target}-h`} data-testid={`attachments-${props.target}`}>
      <h2 id={`files-${props.target}-h`}>{props.title ?? t('files.title')}</h2>
      {list.data?.locked ? (
        <Typography.Paragraph type="secondary" data-testid="attachments-locked">
          <LockOutlined /> {t('files.locked', { count: list.data.count })}
        </Typography.Paragraph>
      ) : (
        <List
          size="small"
          loading={list.loading}
          dataSource={items}
          locale={{ emptyText: t('files.none') }}
          renderItem={(f) => (
            <List.Item
              actions={
                props.canEdit
                  ? [
                      <Popconfirm key="del" title={t('files.removeConfirm')} onConfirm={() => void remove(f)} okText={t('common.yes')} cancelText={t('common.no')}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('files.remove', { name: f.name })} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <a href={f.url} download={f.name} data-testid="attachment-link">
                <PaperClipOutlined /> {f.name}
              </a>
              <Typography.Text type="secondary" className="tb-file-size">
                {fileSize(f.size)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {props.canEdit && (
        <>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label={t('files.choose')}
            data-testid={`attachment-input-${props.target}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void pick(file);
            }}
          />
          <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} style={{ marginTop: 8 }}>
            {t('files.upload')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
            {t('files.hint', { mb: MAX_MB })}
          </Typography.Paragraph>
        </>
      )}
    </section>
  );
}
