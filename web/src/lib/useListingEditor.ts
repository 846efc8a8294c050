import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App as AntApp, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import type { Achievement, Demand } from '../api/types';
import { errorText, useRequest } from './hooks';
import { LISTING_KINDS, type ListingKind } from './listingKinds';

type ListingOf<K extends ListingKind> = K extends 'achievement' ? Achievement : Demand;

/** A random key for one editor session (getRandomValues also works outside secure contexts, unlike randomUUID). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What the achievement and demand editors share: the listing being edited (`:id`), loaded into the
 * form with `toValues`, and `save`, which creates or patches it, publishes it when asked and opens it.
 */
export function useListingEditor<K extends ListingKind>(kind: K, toValues: (listing: ListingOf<K>) => object) {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const where = LISTING_KINDS[kind];
  // One key per editor session: a create retried after a lost answer (or a double click) is
  // answered with the draft the first attempt made, never a second draft.
  const [createKey] = useState(newIdempotencyKey);
  // the last create's outcome is unknown (no answer): the retry's answer may hold the older text
  const createUncertain = useRef(false);
  const existing = useRequest(() => api.get<ListingOf<K>>(`${where.api}/${id}`), [id], editing);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toValues(existing.data));
  }, [existing.data, form, toValues]);

  /**
   * `payload` returns the body, or null when the form is invalid (it marks the fields itself);
   * `placeError` puts a refusal on the form's fields and says whether it could, otherwise it is shown above the form.
   */
  const save = async (publish: boolean, payload: () => object | null, placeError: (err: unknown) => boolean) => {
    setError(null);
    const body = payload();
    if (!body) return;
    setBusy(publish ? 'publish' : 'save');
    let saved: ListingOf<K> | null = null;
    try {
      if (editing) saved = await api.patch<ListingOf<K>>(`${where.api}/${id}`, { ...body, version: existing.data!.version });
      else {
        const retry = createUncertain.current;
        try {
          saved = await api.post<ListingOf<K>>(where.api, body, { headers: { 'Idempotency-Key': createKey } });
          createUncertain.current = false;
        } catch (err) {
          if (err instanceof ApiError && err.status === 0) createUncertain.current = true;
          throw err;
        }
        // the first attempt may have stored what the form held then: the draft gets what it holds now
        if (retry) saved = await api.patch<ListingOf<K>>(`${where.api}/${saved.id}`, { ...body, version: saved.version });
      }
      if (publish && saved.status !== where.live) saved = await api.post<ListingOf<K>>(`${where.api}/${saved.id}/publish`, { version: saved.version });
      message.success(publish ? t('editor.published') : t('editor.saved'));
      navigate(`${where.page}/${saved.id}`);
    } catch (err) {
      if (saved) {
        // saved, but publishing failed (e.g. the organisation is not verified yet)
        message.warning(t('editor.savedNotPublished', { reason: errorText(t, err) }));
        navigate(`${where.page}/${saved.id}`);
        return;
      }
      if (!placeError(err)) setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return { form, editing, existing, busy, error, save };
}
