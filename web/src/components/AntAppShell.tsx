import { useEffect, type ComponentType, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLang } from '../lib/hooks';

// Ant Design is not on the home page's first load (components/plain.tsx draws that): every part
// of the UI made with it — the lazy pages, the search filters, menus and banners — is loaded with
// this module and wrapped in its theme, locale and CSP nonce.

const theme = {
  token: {
    colorPrimary: '#1656d8',
    colorLink: '#1656d8',
    // Secondary and tertiary text at ≥ 4.5:1 on white and on the page's #f4f6fa (WCAG AA); antd's
    // defaults (45 % black) give about 3.2:1.
    colorTextSecondary: '#5b6478',
    colorTextDescription: '#5b6478',
    colorTextTertiary: '#5b6478',
    borderRadius: 8,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 60, headerPadding: '0 24px', bodyBg: '#f4f6fa', footerBg: '#f4f6fa' },
  },
};

// The API serves the page with a per-response CSP nonce (style-src has no 'unsafe-inline'); Ant
// Design puts it on the <style> tags it injects.
const cspNonce = typeof document !== 'undefined' ? document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content : undefined;
const csp = cspNonce ? { nonce: cspNonce } : undefined;

/** Ant Design's theme, its own texts (pagination, empty states) in the UI language, the CSP nonce. */
export function AntScope({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }} csp={csp}>
      {children}
    </ConfigProvider>
  );
}

/** A component made with Ant Design, in its scope. */
export function withAnt<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  function WithAnt(props: P) {
    return (
      <AntScope>
        <Inner {...props} />
      </AntScope>
    );
  }
  return WithAnt;
}

/** Date pickers follow the UI language. */
function DayjsLocale() {
  const lang = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return null;
}

/**
 * Wraps a lazily loaded page in Ant Design's scope, its App (message, modal and notification hooks)
 * and the date locale. Loaded with the page, so the home page does not download them.
 */
export function withAntApp<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithAntApp(props: P) {
    return (
      <AntScope>
        <AntApp component={false}>
          <DayjsLocale />
          <Page {...props} />
        </AntApp>
      </AntScope>
    );
  }
  return WithAntApp;
}
