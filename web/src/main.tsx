import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import i18n from 'i18next';
import { loadLang, storedLang } from './i18n';
import { AuthProvider } from './auth/AuthContext';
import { ErrorBoundary } from './components/States';
import { App } from './App';
import './styles.css';

// No Ant Design here: the first screen is drawn with plain elements (components/plain.tsx) and
// every part made with antd brings its theme, locale and CSP nonce along (AntAppShell.tsx).

// An English reader's texts arrive before the first paint (no flash of Chinese).
void loadLang(storedLang()).then(() => i18n.changeLanguage(storedLang())).finally(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <BrowserRouter>
        <AuthProvider>
          <App />
        </AuthProvider>
      </BrowserRouter>
    </ErrorBoundary>
  </StrictMode>,
));
