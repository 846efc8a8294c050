import { Component, type ErrorInfo, type ReactNode } from 'react';
import CloseCircleFilled from '@ant-design/icons-svg/es/asn/CloseCircleFilled';
import ExclamationCircleFilled from '@ant-design/icons-svg/es/asn/ExclamationCircleFilled';
import QuestionCircleFilled from '@ant-design/icons-svg/es/asn/QuestionCircleFilled';
import StopFilled from '@ant-design/icons-svg/es/asn/StopFilled';
import { useTranslation } from 'react-i18next';
import i18n from 'i18next';
import { errorText, toApiError } from '../lib/hooks';
import { Btn, Icon, Spinner } from './plain';

// Plain elements (no Ant Design): the layout and the home page show these before antd is loaded.

/** A centred spinner with an accessible label while something loads. */
export function PageLoading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="tb-loading" role="status" aria-live="polite" aria-busy="true">
      <Spinner />
      <span className="tb-sr-only">{label ?? t('common.loading')}</span>
    </div>
  );
}

type Tone = 'error' | 'warning' | 'notfound' | 'forbidden';
const ICONS: Record<Tone, ReactNode> = {
  error: <Icon def={CloseCircleFilled} style={{ color: '#cf1322' }} />,
  warning: <Icon def={ExclamationCircleFilled} style={{ color: '#d48806' }} />,
  notfound: <Icon def={QuestionCircleFilled} style={{ color: '#1656d8' }} />,
  forbidden: <Icon def={StopFilled} style={{ color: '#d48806' }} />,
};

/** A light "something is wrong" block (icon, title, text, action) — no illustration to download. */
export function StateBlock({ tone, title, text, extra }: { tone: Tone; title: ReactNode; text?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="tb-state">
      <div className="tb-state-icon" aria-hidden>
        {ICONS[tone]}
      </div>
      <div className="tb-state-title">{title}</div>
      {text && <div className="tb-state-text">{text}</div>}
      {extra && <div className="tb-state-extra">{extra}</div>}
    </div>
  );
}

/** What a page shows when its request failed: the reason and a retry button. */
export function ErrorState({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  const e = toApiError(error);
  const action = onRetry ? (
    <Btn onClick={onRetry} kind={compact ? 'link' : 'primary'}>
      {t('common.retry')}
    </Btn>
  ) : undefined;
  if (compact) {
    return (
      <div className="tb-alert tb-alert-error" role="alert" data-testid="error-state">
        <Icon def={CloseCircleFilled} label="close-circle" />
        <div className="tb-alert-message">{errorText(t, e)}</div>
        {action}
      </div>
    );
  }
  const tone: Tone = e.status === 404 ? 'notfound' : e.status === 403 ? 'forbidden' : e.status >= 500 || e.status === 0 ? 'error' : 'warning';
  return (
    <div role="alert" data-testid="error-state">
      <StateBlock tone={tone} title={t('common.errorTitle')} text={errorText(t, e)} extra={action} />
    </div>
  );
}

interface BoundaryState {
  error: Error | null;
}

/** Catches a render failure so the user sees a way out instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    // Outside the i18n hook: a class component reads the shared instance.
    const t = i18n.t.bind(i18n);
    return (
      <div role="alert" data-testid="error-boundary">
        <StateBlock
          tone="error"
          title={t('common.crashTitle')}
          text={t('common.crashText')}
          extra={
            <Btn kind="primary" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Btn>
          }
        />
      </div>
    );
  }
}
