// The English message catalogue; the type makes a missing key a compile error.
import type { MessageKey } from './pl.js';
import { shared } from './shared.messages.js';
import { attachmentsMessages } from '../features/attachments/attachments.messages.js';
import { consultationsMessages } from '../features/consultations/consultations.messages.js';
import { panelConsultationMessages } from '../features/consultations/panel-consultations.messages.js';
import { notificationsMessages } from '../features/notifications/notifications.messages.js';
import { contentMessages } from '../features/content/content.messages.js';
import { knowledgeMessages } from '../features/content/knowledge.messages.js';
import { formatRequestMessages } from '../features/format-requests/format-requests.messages.js';
import { documentsMessages } from '../features/documents/documents.messages.js';
import { personalDataMessages } from '../features/personal-data/personal-data.messages.js';
import { districtsMessages } from '../features/districts/districts.messages.js';
import { newsMessages } from '../features/news/news.messages.js';
import { commentsMessages } from '../features/comments/comments.messages.js';
import { remarksMessages } from '../features/remarks/remarks.messages.js';
import { investmentsMessages } from '../features/investments/investments.messages.js';
import { surveysMessages } from '../features/surveys/surveys.messages.js';
import { panelSurveysMessages } from '../features/surveys/panel-surveys.messages.js';
import { requestsMessages } from '../features/requests/requests.messages.js';
import { securityMessages } from '../features/auth/security.messages.js';
import { searchMessages } from '../features/search/search.messages.js';
import { opendataMessages } from '../features/opendata/opendata.messages.js';

export const en: Record<MessageKey, string> = {
  ...shared.en,
  ...attachmentsMessages.en,
  ...consultationsMessages.en,
  ...panelConsultationMessages.en,
  ...notificationsMessages.en,
  ...contentMessages.en,
  ...knowledgeMessages.en,
  ...formatRequestMessages.en,
  ...documentsMessages.en,
  ...personalDataMessages.en,
  ...districtsMessages.en,
  ...newsMessages.en,
  ...commentsMessages.en,
  ...remarksMessages.en,
  ...investmentsMessages.en,
  ...surveysMessages.en,
  ...panelSurveysMessages.en,
  ...requestsMessages.en,
  ...securityMessages.en,
  ...searchMessages.en,
  ...opendataMessages.en,
  'site.tagline': 'Public consultations and dialogue with residents',
  'site.logoAlt': 'Coat of arms of {city}',

  'a11y.skipToContent': 'Skip to content',
  'a11y.mainNav': 'Main menu',
  'a11y.breadcrumbs': 'You are here',
  'a11y.footerNav': 'About this website',
  'a11y.language': 'Language',
  'a11y.openMenu': 'Menu',
  'a11y.panelNav': 'Panel menu',

  'nav.home': 'Home',
  'nav.consultations': 'Consultations',
  'nav.news': 'News',
  'nav.districts': 'Districts',
  'nav.surveys': 'Surveys',
  'nav.investments': 'Investments',
  'nav.calendar': 'Calendar',
  'nav.search': 'Search',
  'nav.panel': 'Panel',
  'nav.login': 'Sign in',
  'nav.logout': 'Sign out',

  'footer.accessibility': 'Accessibility statement',
  'footer.privacy': 'Privacy policy',
  'footer.rules': 'Terms',
  'footer.contact': 'Contact',
  'footer.sitemap': 'Site map',
  'footer.about': 'This website is run by {cityHall} as part of the “Building social dialogue” programme.',

  'lang.pl': 'Polski',
  'lang.en': 'English',
  'lang.switchTo': 'Change language to: {language}',

  'home.title': 'Home',
  'home.lead': 'Take part in decisions about your city. See open consultations, answer surveys and follow the news of your district.',
  'home.cta': 'See open consultations',
  'home.openConsultations': 'Open consultations',
  'home.plannedConsultations': 'Planned consultations',
  'home.upcomingMeetings': 'Upcoming meetings',
  'home.latestNews': 'District news',
  'home.poll': 'Quick poll',
  'home.investments': 'City investments',
  'home.sectionEmpty': 'This part of the website is being prepared. Current information will appear here soon.',
  'home.seeAll': 'See all',
  'home.howTitle': 'How to take part?',
  'home.how1': 'Choose a consultation that concerns you and read its materials.',
  'home.how2': 'Have your say: fill in a survey, comment or submit a remark.',
  'home.how3': 'When it ends, read the report and the City’s answers to residents’ remarks.',

  'page.accessibility': 'Accessibility statement',
  'page.privacy': 'Privacy policy',
  'page.rules': 'Terms',
  'page.contact': 'Contact',
  'page.sitemap': 'Site map',

  'auth.login.title': 'Sign in to the panel',
  'auth.login.lead': 'The panel is for City Hall staff, district councillors and moderators. Residents do not need an account to take part in consultations.',
  'auth.login.email': 'E-mail address',
  'auth.login.password': 'Password',
  'auth.login.submit': 'Sign in',
  'auth.login.failed': 'Incorrect e-mail address or password',
  'auth.login.blocked': 'Too many failed sign-in attempts. Try again in {minutes} min.',
  'auth.loginRequired': 'Sign in to see this page.',
  'auth.loggedIn': 'You are signed in.',
  'auth.loggedOut': 'Signed out. See you soon!',

  'panel.title': 'Panel',
  'panel.greeting': 'Hello, {name}',
  'panel.roleLine': 'Role: {role}',
  'panel.departmentLine': 'Department: {department}',
  'panel.districtLine': 'District: {district}',
  'panel.lastLogin': 'Previous sign-in: {date}',
  'panel.firstLogin': 'This is your first sign-in.',
  'panel.tasks': 'What you can do',
  'panel.task.consultations': 'Your department’s consultations',
  'panel.task.consultations.hint': 'Create, publish and run consultations, answer remarks, prepare the report.',
  'panel.task.investments': 'Your department’s investments',
  'panel.task.investments.hint': 'Tell residents about planned and ongoing investments.',
  'panel.task.surveys': 'Surveys and polls',
  'panel.task.surveys.hint': 'Build surveys, review and export results.',
  'panel.task.news': 'District news',
  'panel.task.news.hint': 'Publish news and events of your district.',
  'panel.task.districtPage': 'District council page',
  'panel.task.districtPage.hint': 'Council members, office hours and contact details.',
  'panel.task.moderation': 'Moderation',
  'panel.task.moderation.hint': 'Review comments and remarks reported for checking.',
  'panel.task.users': 'Staff accounts',
  'panel.task.users.hint': 'Invite staff, change roles, deactivate accounts.',
  'panel.task.dictionaries': 'Departments and districts',
  'panel.task.dictionaries.hint': 'Lists used across the website.',
  'panel.task.audit': 'Audit log',
  'panel.task.audit.hint': 'Who changed what and when.',
  'panel.task.settings': 'Site settings',
  'panel.task.settings.hint': 'Name, logo, consultation deadlines, information pages.',
  'panel.comingSoon': 'coming soon',

  'role.ADMIN': 'Administrator',
  'role.DEPARTMENT_STAFF': 'Department staff',
  'role.COUNCILLOR': 'District councillor',
  'role.MODERATOR': 'Moderator',

  'errors.title': 'Error',
  'errors.requestId': 'Request id: {id}. Please quote it when you contact us.',
  'errors.goHome': 'Go to the home page',
  'errors.badRequest.title': 'Bad request',
  'errors.badRequest.body': 'The data sent could not be read. Go back and try again.',
  'errors.payloadTooLarge.title': 'The data sent is too large',
  'errors.payloadTooLarge.body': 'The form or file sent is larger than allowed.',
  'errors.notFound.title': 'Page not found',
  'errors.notFound.body': 'If you typed the address, check it is correct. If you pasted it, check you copied the whole address.',
  'errors.forbidden.title': 'Access denied',
  'errors.forbidden.body': 'You do not have permission for this page or action.',
  'errors.csrf.body': 'Your session has expired. Go back and try again.',
  'errors.conflict.title': 'Conflict',
  'errors.conflict.body': 'Someone changed this data in the meantime. Refresh the page and try again.',
  'errors.tooManyRequests.title': 'Too many attempts',
  'errors.tooManyRequests.body': 'Too many requests were sent. Wait a moment and try again.',
  'errors.server.title': 'Sorry, something went wrong',
  'errors.server.body': 'Try again in a moment. If the problem continues, contact us.',
  'errors.unavailable.title': 'Service temporarily unavailable',
  'errors.form.summary': 'Fix the errors in the form',
  'errors.form.prefix': 'Error:',

  'validation.email.required': 'Enter an e-mail address',
  'validation.email.invalid': 'Enter an e-mail address in the correct format, like name.surname@example.org',
  'validation.email.taken': 'An account with this e-mail address already exists',
  'validation.password.required': 'Enter a password',
  'validation.password.tooShort': 'The password must be at least 12 characters long',
  'validation.tooLong': 'The text is too long (at most {max} characters)',
  'validation.department.required': 'Choose a department',
  'validation.district.required': 'Choose a district',
  'validation.invalid': 'Invalid value',

  'flash.close': 'Close',
};
