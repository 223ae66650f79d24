// The formatting layer: compact, sanitized projections of Intercom data for the assistant.
export type { FetchDocument, Links, Names, PartWindow, SearchResult } from './types.js';
export { DEFAULT_MAX_CHARS } from './types.js';
export { cleanText, decodeEntities, htmlToText, plainLine, plainText } from './html-to-text.js';
export { compact } from './compact.js';
export { isoDate, isoDay, isoMinute } from './dates.js';
export { appLinks, NO_LINKS } from './links.js';
export { plural } from './plural.js';
export type { AuthorView, ConversationView, PartView } from './conversation/index.js';
export { formatConversationDocument, projectConversation, summarizeConversation } from './conversation/index.js';
export type { AddressedView, ContactCompaniesView, ContactCompanyView, ContactOptions, ContactView, MoreCompaniesHint } from './contact.js';
export { COMPANIES_SHOWN, formatContactDocument, projectContact, shownCompanyIds, summarizeContact } from './contact.js';
export type { CompanyContactsView, CompanyContactView, CompanyView } from './company.js';
export { formatCompanyDocument, projectCompany, projectCompanyContacts, summarizeCompany } from './company.js';
export type { ArticleNames, ArticleView, TranslationView } from './article.js';
export { formatArticleDocument, highlightText, NO_ARTICLE_NAMES, projectArticle, summarizeArticle, summarizeArticleHits } from './article.js';
