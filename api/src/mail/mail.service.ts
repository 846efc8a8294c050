import { EmailMessage } from './email-message.model';
import type { Mail } from './mail.templates';

/**
 * Sends an email by storing it in the outbox. There is no transport yet: a worker that delivers
 * unsent messages (and sets `sentAt`) can be added without changing any caller.
 */
export async function sendMail(to: string, mail: Mail): Promise<void> {
  await EmailMessage.create({ to, kind: mail.kind, subject: mail.subject, body: mail.body, link: mail.link });
}

/** The newest stored messages (optionally to one address), for the development outbox. */
export async function listOutbox(to?: string, limit = 50) {
  const items = await EmailMessage.find(to ? { to: to.toLowerCase() } : {})
    .sort({ createdAt: -1 })
    .limit(limit)
    .lean();
  return {
    items: items.map((m) => ({
      id: String(m._id),
      to: m.to,
      kind: m.kind,
      subject: m.subject,
      body: m.body,
      link: m.link ?? null,
      createdAt: m.createdAt,
      sentAt: m.sentAt ?? null,
    })),
  };
}
