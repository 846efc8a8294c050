import { useEffect, type ComponentType } from 'react';
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLang } from '../lib/hooks';

/** Date pickers follow the UI language. */
function DayjsLocale() {
  const lang = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  }, [lang]);
  return null;
}

/**
 * Wraps a lazily loaded page in Ant Design's App (message, modal and notification hooks) and the
 * date locale. Loaded with the page, so the home page does not download them.
 */
export function withAntApp<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithAntApp(props: P) {
    return (
      <AntApp component={false}>
        <DayjsLocale />
        <Page {...props} />
      </AntApp>
    );
  }
  return WithAntApp;
}
