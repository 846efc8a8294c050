import { useState, type ReactNode } from 'react';
import { Select, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../api/types';
import { useRequest, type RequestState } from '../lib/hooks';
import { ErrorState } from './States';

// rows on one page of a server-paged list
const PAGE_SIZE = 20;

/** What a paged list asks the server for. */
export type PageQuery = { status: string | undefined; page: number; pageSize: number };

/** A server-paged list that can be filtered by status. */
export interface PagedList<T> {
  list: RequestState<Paged<T>>;
  status: string | undefined;
  page: number;
  setPage: (page: number) => void;
  /** Shows only `status` (all when undefined), from the first page. */
  filter: (status: string | undefined) => void;
}

/** Fetches the chosen page of a list with `fetch`, again when `deps`, the status or the page change. */
export function usePagedList<T>(fetch: (query: PageQuery) => Promise<Paged<T>>, deps: readonly unknown[]): PagedList<T> {
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useRequest(() => fetch({ status, page, pageSize: PAGE_SIZE }), [...deps, status, page]);
  const filter = (s: string | undefined) => {
    setStatus(s);
    setPage(1);
  };
  return { list, status, page, setPage, filter };
}

/** A list page's heading with its controls on the right. */
export function PageHead({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="tb-page-head">
      <Typography.Title level={2} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

/** A select of the statuses to show `paged` in; cleared, it shows all. */
export function StatusFilter<T>({ paged, options, minWidth }: { paged: PagedList<T>; options: { value: string; label: string }[]; minWidth: number }) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      aria-label={t('my.statusFilter')}
      placeholder={t('my.allStatuses')}
      value={paged.status}
      onChange={paged.filter}
      style={{ minWidth }}
      options={options}
    />
  );
}

/** The chosen page of `paged` as a table, or its error with a retry. */
export function PagedTable<T extends { id: string }>({ paged, emptyText, columns }: { paged: PagedList<T>; emptyText: string; columns: TableColumnsType<T> }) {
  const { list, page, setPage } = paged;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <Table<T>
      rowKey="id"
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText }}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
      columns={columns}
    />
  );
}
