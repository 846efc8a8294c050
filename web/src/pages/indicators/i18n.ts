// The indicator pages' texts (web/src/locales/indicators.{zh,en}.json) travel with these pages, not
// with the home page: importing this module merges them into the default namespace, so the pages
// use t('indicators.…') like every other key.
import i18n from 'i18next';
import zh from '../../locales/indicators.zh.json';
import en from '../../locales/indicators.en.json';

i18n.addResourceBundle('zh', 'translation', zh, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
