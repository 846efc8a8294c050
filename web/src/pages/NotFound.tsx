import { LinkButton } from '../components/LinkButton';
import { StateBlock } from '../components/States';
import { useTranslation } from 'react-i18next';

export default function NotFound() {
  const { t } = useTranslation();
  return (
    <StateBlock
      tone="notfound"
      title={t('notFound.title')}
      text={t('notFound.text')}
      extra={
        <LinkButton to="/" type="primary">
          {t('notFound.home')}
        </LinkButton>
      }
    />
  );
}
