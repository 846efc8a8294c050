import type { EmailKind } from './email-message.model';

export interface Mail {
  kind: EmailKind;
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
}

/** The link in a new address's email: following it activates the account (valid for `hours`). */
export const verifyEmail = (link: string, hours: number): Mail => ({
  kind: 'verify-email',
  subject: { zh: '请验证您的技术桥邮箱', en: 'Confirm your email for TechBridge' },
  body: {
    zh: `您好！请在 ${hours} 小时内打开下面的链接完成注册：\n${link}\n如果不是您本人注册，请忽略本邮件。`,
    en: `Hello! Open this link within ${hours} hours to finish signing up:\n${link}\nIf you did not sign up, ignore this email.`,
  },
  link,
});

/** Sent to an existing account's address when someone registers with it again. */
export const registrationAttempt = (loginLink: string): Mail => ({
  kind: 'registration-attempt',
  subject: { zh: '有人尝试用您的邮箱注册技术桥', en: 'Someone tried to register with your email' },
  body: {
    zh: `刚刚有人使用此邮箱在技术桥注册，但该邮箱已有账户。如果是您本人，请直接登录：\n${loginLink}\n如果不是您，无需任何操作，您的账户未受影响。`,
    en: `Someone just tried to sign up for TechBridge with this email, which already has an account. If it was you, log in here:\n${loginLink}\nIf it was not you, nothing needs doing; your account is unchanged.`,
  },
  link: loginLink,
});

/** Tells the owner that the password was changed and the other sessions were ended. */
export const passwordChanged = (loginLink: string): Mail => ({
  kind: 'password-changed',
  subject: { zh: '您的技术桥密码已修改', en: 'Your TechBridge password was changed' },
  body: {
    zh: `您的密码刚刚被修改，其他设备上的登录已全部退出。如果不是您本人操作，请立即联系平台管理员。\n${loginLink}`,
    en: `Your password was just changed and every other signed-in device was signed out. If this was not you, contact the platform administrators at once.\n${loginLink}`,
  },
  link: loginLink,
});

/** Tells an organisation's admins that the platform verified it (they may now publish and trade). */
export const orgVerified = (orgName: { zh: string; en: string }, link: string): Mail => ({
  kind: 'org-verified',
  subject: { zh: `${orgName.zh || orgName.en} 已通过平台认证`, en: `${orgName.en || orgName.zh} is verified` },
  body: {
    zh: `您好！平台已审核通过 ${orgName.zh || orgName.en} 的机构认证，现在可以发布成果与需求、发起洽谈。\n${link}`,
    en: `Hello! The platform verified ${orgName.en || orgName.zh}: you can now publish listings and open deals.\n${link}`,
  },
  link,
});

/** Tells an organisation's admins that its verification was refused, and why. */
export const orgRejected = (orgName: { zh: string; en: string }, reason: string, link: string): Mail => ({
  kind: 'org-rejected',
  subject: { zh: `${orgName.zh || orgName.en} 的机构认证未通过`, en: `The verification of ${orgName.en || orgName.zh} was not approved` },
  body: {
    zh: `您好！平台未通过 ${orgName.zh || orgName.en} 的机构认证。\n原因：${reason}\n请按要求修改后重新提交：\n${link}`,
    en: `Hello! The platform did not approve the verification of ${orgName.en || orgName.zh}.\nReason: ${reason}\nCorrect what it asks for and submit again:\n${link}`,
  },
  link,
});

/** The daily digest of new listings that matched a user's alerts (saved searches, followed fields and regions). */
export const alertDigest = (items: readonly { kind: 'achievement' | 'demand'; title: { zh: string; en: string }; link: string }[], appUrl: string, manageLink: string): Mail => {
  const line = (lang: 'zh' | 'en') => (i: (typeof items)[number]) =>
    `- ${lang === 'zh' ? (i.kind === 'achievement' ? '成果' : '需求') : i.kind === 'achievement' ? 'Achievement' : 'Demand'}：${i.title[lang] || i.title[lang === 'zh' ? 'en' : 'zh']}\n  ${appUrl}${i.link}`;
  return {
    kind: 'alert-digest',
    subject: { zh: `技术桥订阅提醒：${items.length} 条新信息`, en: `TechBridge alerts: ${items.length} new listings` },
    body: {
      zh: `您订阅的检索和关注的领域/地区有 ${items.length} 条新发布的信息：\n${items.map(line('zh')).join('\n')}\n管理订阅：${manageLink}`,
      en: `${items.length} new listings match your saved searches and followed fields/regions:\n${items.map(line('en')).join('\n').replace(/：/g, ': ')}\nManage your alerts: ${manageLink}`,
    },
    link: manageLink,
  };
};
