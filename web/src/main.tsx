import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider } from 'antd';
import i18n from 'i18next';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { loadLang, storedLang } from './i18n';
import { useLang } from './lib/hooks';
import { AuthProvider } from './auth/AuthContext';
import { ErrorBoundary } from './components/States';
import { App } from './App';
import './styles.css';

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
const cspNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
const csp = cspNonce ? { nonce: cspNonce } : undefined;

/** Ant Design's own texts (pagination, empty states) follow the UI language. */
function Localized({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }} csp={csp}>
      {children}
    </ConfigProvider>
  );
}

// An English reader's texts arrive before the first paint (no flash of Chinese).
void loadLang(storedLang()).then(() => i18n.changeLanguage(storedLang())).finally(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <BrowserRouter>
        <Localized>
          <AuthProvider>
            <App />
          </AuthProvider>
        </Localized>
      </BrowserRouter>
    </ErrorBoundary>
  </StrictMode>,
));
