// Shapes of the Intercom REST API (v2.16) that intercom-mcp reads. Source of truth:
// spec/intercom/api.intercom.io.yaml. Everything is optional (and often nullable) because
// upstream data is untrusted and fields come and go between workspaces; formatters must cope with any of
// them missing.

export type Operator = '=' | '!=' | 'IN' | 'NIN' | '<' | '>' | '<=' | '>=' | '~' | '!~' | '^' | '$';

export interface SingleFilter {
  field: string;
  operator: Operator;
  value: string | number | boolean | null | Array<string | number>;
}

export interface MultipleFilter {
  operator: 'AND' | 'OR';
  value: Array<SingleFilter | MultipleFilter>;
}

/** Body of POST /conversations/search and POST /contacts/search (`search_request`). */
export interface SearchRequest {
  query: SingleFilter | MultipleFilter;
  pagination?: { per_page?: number; starting_after?: string | null };
}

export interface CursorPages {
  type?: 'pages';
  page?: number;
  per_page?: number;
  total_pages?: number;
  next?: { per_page?: number; starting_after?: string | null } | null;
}

/** Any JSON value (custom attributes may hold anything). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `custom_attributes`: key/value pairs; relationship attributes hold custom object instance lists. */
export type CustomAttributes = Record<string, JsonValue | undefined>;

/** `reference`: a pointer to another object (admin, team, contact...). */
export interface Reference {
  type?: string;
  id?: string | number | null;
}

/** `contact_reference`. */
export interface ContactReference {
  type?: 'contact' | string;
  id?: string;
  external_id?: string | null;
  // Not in the 2.16 schema but seen in practice on conversation contacts; kept so names can be shown when present.
  name?: string | null;
  email?: string | null;
}

/** `teammate_reference`. */
export interface TeammateReference {
  type?: 'admin' | 'team' | 'bot' | string;
  id?: string | number | null;
  name?: string | null;
  email?: string | null;
}

/** `part_attachment`. */
export interface PartAttachment {
  type?: string;
  name?: string | null;
  url?: string | null;
  content_type?: string | null;
  filesize?: number | null;
  width?: number | null;
  height?: number | null;
}

/** `tag` / `tag_basic`. */
export interface Tag {
  type?: 'tag' | string;
  id?: string;
  name?: string | null;
  applied_at?: number | null;
  applied_by?: Reference | null;
}

/** `tags` (conversation tags). */
export interface TagList {
  type?: 'tag.list' | string;
  tags?: Tag[] | null;
}

/** `conversation_source_author`. */
export interface SourceAuthor {
  type?: 'admin' | 'user' | 'lead' | 'bot' | 'team' | 'contact' | string;
  id?: string | null;
  name?: string | null;
  email?: string | null;
}

/** `conversation_part_author`. */
export interface PartAuthor extends SourceAuthor {
  from_ai_agent?: boolean | null;
  is_ai_answer?: boolean | null;
}

/** `email_address_header`. */
export interface EmailAddressHeader {
  type?: string;
  email_address?: string | null;
  name?: string | null;
}

/** `email_message_metadata` / `source_email_message_metadata`. */
export interface EmailMessageMetadata {
  subject?: string | null;
  email_address_headers?: EmailAddressHeader[] | null;
  message_id?: string | null;
  history?: string | null;
}

/** `conversation_source`: the opening message of a conversation. */
export interface ConversationSource {
  type?: string;
  id?: string | null;
  delivered_as?: string | null;
  recipients?: Array<{ type?: string; email?: string | null; drop_reason?: string | null }> | null;
  reply_to?: Array<{ email?: string | null; name?: string | null }> | null;
  subject?: string | null;
  body?: string | null;
  author?: SourceAuthor | null;
  attachments?: PartAttachment[] | null;
  url?: string | null;
  redacted?: boolean | null;
  email_message_metadata?: EmailMessageMetadata | null;
}

/** `event_details`: anyOf workflow/attribute/custom-action events. */
export interface EventDetails {
  workflow?: { name?: string | null } | null;
  attribute?: { name?: string | null } | null;
  value?: { name?: string | null; previous?: string | null } | null;
  action?: { name?: string | null; result?: 'success' | 'failed' | string | null } | null;
  event?: { type?: string | null; result?: string | null } | null;
}

/** `conversation_part_metadata`. */
export interface ConversationPartMetadata {
  quick_reply_options?: Array<{ text?: string | null; uuid?: string | null; translations?: Record<string, string> | null }> | null;
  quick_reply_uuid?: string | null;
}

/** `conversation_part`. `part_type` is open-ended (comment, note, assignment, open, close, snoozed, ...). */
export interface ConversationPart {
  type?: 'conversation_part' | string;
  id?: string;
  part_type?: string | null;
  body?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
  notified_at?: number | null;
  assigned_to?: Reference | null;
  author?: PartAuthor | null;
  attachments?: PartAttachment[] | null;
  external_id?: string | null;
  redacted?: boolean | null;
  email_message_metadata?: EmailMessageMetadata | null;
  metadata?: ConversationPartMetadata | null;
  state?: 'open' | 'closed' | 'snoozed' | string | null;
  tags?: Tag[] | null;
  event_details?: EventDetails | null;
  app_package_code?: string | null;
}

/** `conversation_parts`. */
export interface ConversationParts {
  type?: 'conversation_part.list' | string;
  conversation_parts?: ConversationPart[] | null;
  total_count?: number | null;
}

/** `conversation_contacts`. */
export interface ConversationContacts {
  type?: 'contact.list' | string;
  contacts?: ContactReference[] | null;
}

/** `conversation_teammates`. */
export interface ConversationTeammates {
  type?: 'admin.list' | string;
  teammates?: Array<Reference & { name?: string | null; email?: string | null }> | null;
}

/** `conversation_rating`. */
export interface ConversationRating {
  rating?: number | null;
  remark?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
  contact?: ContactReference | null;
  teammate?: Reference | null;
}

/** `conversation_response_time`. */
export interface ConversationResponseTime {
  team_id?: number | null;
  team_name?: string | null;
  response_time?: number | null;
}

/** `conversation_statistics`: durations in seconds, `*_at` unix seconds. */
export interface ConversationStatistics {
  type?: string;
  time_to_assignment?: number | null;
  time_to_admin_reply?: number | null;
  time_to_first_close?: number | null;
  time_to_last_close?: number | null;
  median_time_to_reply?: number | null;
  first_contact_reply_at?: number | null;
  first_assignment_at?: number | null;
  first_admin_reply_at?: number | null;
  first_close_at?: number | null;
  last_assignment_at?: number | null;
  last_assignment_admin_reply_at?: number | null;
  last_contact_reply_at?: number | null;
  last_admin_reply_at?: number | null;
  last_close_at?: number | null;
  last_closed_by_id?: string | null;
  count_reopens?: number | null;
  count_assignments?: number | null;
  count_conversation_parts?: number | null;
  assigned_team_first_response_time?: ConversationResponseTime[] | null;
  assigned_team_first_response_time_in_office_hours?: ConversationResponseTime[] | null;
  handling_time?: number | null;
  adjusted_handling_time?: number | null;
}

/** `conversation_first_contact_reply`. */
export interface ConversationFirstContactReply {
  created_at?: number | null;
  type?: string | null;
  url?: string | null;
}

/** `sla_applied`. */
export interface SlaApplied {
  type?: string;
  sla_name?: string | null;
  sla_status?: 'hit' | 'missed' | 'cancelled' | 'active' | string | null;
}

/** `linked_object`. */
export interface LinkedObject {
  type?: 'ticket' | 'conversation' | string;
  id?: string;
  category?: string | null;
}

/** `linked_object_list`. */
export interface LinkedObjectList {
  type?: 'list' | string;
  total_count?: number | null;
  has_more?: boolean | null;
  data?: LinkedObject[] | null;
}

/** `ai_agent`. */
export interface AiAgent {
  source_type?: string | null;
  source_title?: string | null;
  last_answer_type?: string | null;
  resolution_state?: string | null;
  rating?: number | null;
  rating_remark?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
}

/** `conversation_channel`. */
export interface ConversationChannel {
  initial?: string | null;
  current?: string | null;
}

/** `company` (only the fields we may show). `plan` is `{}` when the company has none. */
export interface Company {
  type?: 'company' | string;
  id?: string;
  name?: string | null;
  company_id?: string | null;
  app_id?: string | null;
  plan?: { type?: string; id?: string | null; name?: string | null } | null;
  remote_created_at?: number | null;
  created_at?: number | null;
  updated_at?: number | null;
  last_request_at?: number | null;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  monthly_spend?: number | null;
  user_count?: number | null;
  session_count?: number | null;
  custom_attributes?: CustomAttributes | null;
  tags?: { type?: string; tags?: Array<{ type?: string; id?: string; name?: string | null }> | null } | null;
  segments?: { type?: string; segments?: Segment[] | null } | null;
}

/**
 * `company_list` (GET /companies, POST /companies/list). Intercom pages these by page number: `pages` has
 * `page` and `total_pages`, no cursor. Asked by `name` or `company_id`, Intercom has been seen to answer
 * with the one `company` itself rather than a list; callers accept both.
 */
export interface CompanyList {
  type?: 'list' | 'company' | string;
  data?: Company[];
  total_count?: number;
  pages?: CursorPages | null;
}

/** `company_attached_contacts` (GET /companies/{id}/contacts). */
export interface CompanyContacts {
  type?: 'list';
  data?: Contact[];
  total_count?: number;
  pages?: CursorPages | null;
}

/** `segment`. */
export interface Segment {
  type?: 'segment' | string;
  id?: string;
  name?: string | null;
  person_type?: string | null;
}

/** `tag_list` (GET /tags). */
export interface TagListResponse {
  type?: 'list';
  data?: Array<{ type?: string; id?: string; name?: string | null }>;
}

/** `team_list` (GET /teams). */
export interface TeamList {
  type?: 'team.list';
  teams?: Array<{ type?: string; id?: string | number; name?: string | null; admin_ids?: number[] | null }>;
}

/** `admin_list` (GET /admins). */
export interface AdminList {
  type?: 'admin.list';
  admins?: Admin[];
}

/** Filters of GET /companies; at most one is sent (see records/company.ts). */
export interface CompanyFilters {
  name?: string;
  company_id?: string;
  tag_id?: string;
  segment_id?: string;
}

/** Page-number paging of Intercom's older list endpoints. */
export interface PageRequest {
  page?: number;
  per_page?: number;
}

/**
 * `conversation` (GET /conversations/{id}) and `conversation_list_item` (search results, same fields
 * minus `conversation_parts`).
 */
export interface Conversation {
  type?: 'conversation' | string;
  id?: string;
  title?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
  waiting_since?: number | null;
  snoozed_until?: number | null;
  open?: boolean | null;
  state?: 'open' | 'closed' | 'snoozed' | string | null;
  read?: boolean | null;
  priority?: 'none' | 'low' | 'medium' | 'high' | 'urgent' | 'priority' | 'not_priority' | string | null;
  admin_assignee_id?: number | string | null;
  team_assignee_id?: number | string | null;
  company?: Company | null;
  tags?: TagList | null;
  conversation_rating?: ConversationRating | null;
  source?: ConversationSource | null;
  contacts?: ConversationContacts | null;
  teammates?: ConversationTeammates | null;
  custom_attributes?: CustomAttributes | null;
  first_contact_reply?: ConversationFirstContactReply | null;
  sla_applied?: SlaApplied | null;
  statistics?: ConversationStatistics | null;
  conversation_parts?: ConversationParts | null;
  linked_objects?: LinkedObjectList | null;
  ai_agent_participated?: boolean | null;
  ai_agent?: AiAgent | null;
  sales_agent_participated?: boolean | null;
  sales_agent?: Record<string, JsonValue> | null;
  channel?: ConversationChannel | null;
  external_references?: Array<{ type?: string; id?: string }> | null;
}

/** `addressable_list`: an {type,id,url} pointer inside contact tags/notes/companies lists. */
export interface AddressableItem {
  type?: string;
  id?: string;
  url?: string | null;
  // Not in the schema, but some workspaces return it; shown when present, never invented.
  name?: string | null;
}

/** `contact_tags` / `contact_notes` / `contact_companies` / `contact_subscription_types`. */
export interface AddressableList {
  type?: 'list' | string;
  data?: AddressableItem[] | null;
  url?: string | null;
  total_count?: number | null;
  has_more?: boolean | null;
}

/** `contact_location`. */
export interface ContactLocation {
  type?: string | null;
  country?: string | null;
  region?: string | null;
  city?: string | null;
}

/** `social_profile`. */
export interface SocialProfile {
  type?: string;
  name?: string | null;
  url?: string | null;
}

/** `merge_history_item`. */
export interface MergeHistoryItem {
  type?: string;
  source_contact_id?: string;
  source_contact_role?: 'lead' | 'user' | string;
  merged_at?: number | null;
}

/** `contact`. Timestamps are unix seconds. */
export interface Contact {
  type?: 'contact' | string;
  id?: string;
  external_id?: string | null;
  workspace_id?: string | null;
  role?: 'user' | 'lead' | string | null;
  email?: string | null;
  email_domain?: string | null;
  phone?: string | null;
  name?: string | null;
  owner_id?: string | number | null;
  has_hard_bounced?: boolean | null;
  marked_email_as_spam?: boolean | null;
  unsubscribed_from_emails?: boolean | null;
  created_at?: number | null;
  updated_at?: number | null;
  signed_up_at?: number | null;
  last_seen_at?: number | null;
  last_replied_at?: number | null;
  last_contacted_at?: number | null;
  last_email_opened_at?: number | null;
  last_email_clicked_at?: number | null;
  language_override?: string | null;
  browser?: string | null;
  browser_version?: string | null;
  browser_language?: string | null;
  os?: string | null;
  android_app_name?: string | null;
  android_app_version?: string | null;
  android_device?: string | null;
  android_os_version?: string | null;
  android_sdk_version?: string | null;
  android_last_seen_at?: number | null;
  ios_app_name?: string | null;
  ios_app_version?: string | null;
  ios_device?: string | null;
  ios_os_version?: string | null;
  ios_sdk_version?: string | null;
  ios_last_seen_at?: number | null;
  custom_attributes?: CustomAttributes | null;
  avatar?: { type?: string; image_url?: string | null } | null;
  tags?: AddressableList | null;
  notes?: AddressableList | null;
  companies?: AddressableList | null;
  location?: ContactLocation | null;
  social_profiles?: { type?: string; data?: SocialProfile[] | null } | null;
  merge_history?: MergeHistoryItem[] | null;
}

export interface ConversationList {
  type?: 'conversation.list';
  conversations?: Conversation[];
  total_count?: number;
  pages?: CursorPages;
}

export interface ContactList {
  type?: 'list';
  data?: Contact[];
  total_count?: number;
  pages?: CursorPages;
}

/** GET /me: the admin the token belongs to, with its workspace. */
export interface Me {
  type?: 'admin';
  id?: string;
  name?: string;
  email?: string;
  app?: { id_code?: string; name?: string; region?: string } | null;
}

// --- Help Center (articles, collections, help centers) and admins, from the 2.16 schemas -------------

/** What an article and each locale's content of it (`article_content`) share. */
interface ArticleText {
  title?: string | null;
  description?: string | null;
  body?: string | null;
  author_id?: number | string | null;
  state?: 'published' | 'draft' | string | null;
  created_at?: number | null;
  updated_at?: number | null;
  has_unpublished_changes?: boolean | null;
  draft_updated_at?: number | null;
  url?: string | null;
}

/** `article_content`: one locale's content of an article (`translated_content.<locale>`). */
export interface ArticleContent extends ArticleText {
  type?: 'article_content' | null;
}

export interface ArticleStatistics {
  type?: 'article_statistics';
  views?: number | null;
  conversions?: number | null;
  reactions?: number | null;
  happy_reaction_percentage?: number | null;
  neutral_reaction_percentage?: number | null;
  sad_reaction_percentage?: number | null;
}

/** `article_list_item`, and `article` (which adds `statistics`). */
export interface Article extends ArticleText {
  type?: 'article' | string;
  id?: string | number;
  workspace_id?: string;
  parent_ids?: Array<number | string> | null;
  default_locale?: string | null;
  /** Locale code -> content, plus `type`. */
  translated_content?: Record<string, ArticleContent | string | null | undefined> | null;
  tags?: { type?: string; tags?: Array<{ id?: string | number; name?: string | null }> | null } | null;
  statistics?: ArticleStatistics | null;
}

/** GET /articles (`article_list`): page-numbered, `pages.page` of `pages.total_pages`. */
export interface ArticleList {
  type?: 'list';
  pages?: CursorPages | null;
  total_count?: number;
  data?: Article[];
}

/** One chunk of a highlighted title or summary: `highlight` (matched) or `plain`. */
export interface HighlightChunk {
  type?: 'highlight' | 'plain' | string;
  text?: string | null;
}

/** `article_search_highlights`. */
export interface ArticleSearchHighlights {
  article_id?: string | number;
  highlighted_title?: HighlightChunk[] | null;
  highlighted_summary?: HighlightChunk[][] | null;
}

/** GET /articles/search (`article_search_response`). */
export interface ArticleSearchResponse {
  type?: 'list';
  total_count?: number;
  data?: { articles?: Article[] | null; highlights?: ArticleSearchHighlights[] | null } | null;
  pages?: CursorPages | null;
}

/** `collection`: a collection, or a section when `parent_id` is set. */
export interface Collection {
  id?: string | number;
  name?: string | null;
  description?: string | null;
  url?: string | null;
  parent_id?: string | number | null;
  help_center_id?: number | string | null;
  updated_at?: number | null;
}

export interface CollectionList {
  type?: 'list';
  data?: Collection[];
  total_count?: number;
  pages?: CursorPages | null;
}

/** `help_center`. */
export interface HelpCenter {
  id?: string | number;
  identifier?: string | null;
  display_name?: string | null;
  url?: string | null;
  custom_domain?: string | null;
  website_turned_on?: boolean | null;
  default?: boolean | null;
  locales?: string[] | null;
}

export interface HelpCenterList {
  type?: 'list';
  data?: HelpCenter[];
}

/** `admin` as GET /admins lists it (`admin_list`). */
export interface Admin {
  type?: 'admin' | string;
  id?: string | number;
  name?: string | null;
  email?: string | null;
  team_ids?: number[] | null;
}
