import type { paths } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type ResponsesOf<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R } ? R : never;

/** What a route answers on success (200 or 201), exactly as the server's OpenAPI document says. */
export type Success<P extends keyof paths, M extends Method = 'get'> =
  ResponsesOf<P, M> extends infer R
    ? R extends { 200: infer A }
      ? Json<A>
      : R extends { 201: infer B }
        ? Json<B>
        : never
    : never;

/** What a route takes as its JSON body. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

export type Me = Success<'/api/v1/auth/me'>;
export type Role = Me['role'];
export type Customer = Success<'/api/v1/customers/{id}'>;
export type TimelinePage = Success<'/api/v1/customers/{id}/timeline'>;
export type TimelineItem = TimelinePage['items'][number];
export type CaseSummary = Success<'/api/v1/cases'>['items'][number];
export type CaseDetail = Success<'/api/v1/cases/{id}'>;
export type CaseEffort = Success<'/api/v1/cases/{id}/effort'>;
export type CaseSla = Success<'/api/v1/cases/{id}/sla'>;
export type SearchResult = Success<'/api/v1/search'>['results'][number];
export type User = Success<'/api/v1/users'>['items'][number];
export type Team = Success<'/api/v1/teams'>['items'][number];
export type Escalation = Success<'/api/v1/escalations/waiting-for-me'>['items'][number];
export type TransferOffer = Success<'/api/v1/transfers/offered-to-me'>['items'][number];
export type Callback = Success<'/api/v1/callbacks'>['items'][number];
export type Problem = Success<'/api/v1/problems'>['items'][number];
export type PortalCase = Success<'/api/v1/portal/cases'>['items'][number];
export type PortalCaseDetail = Success<'/api/v1/portal/cases/{id}'>;
export type QueueSummary = Success<'/api/v1/workspace/queues'>['queues'][number];
export type QueueKey = QueueSummary['key'];
export type QueuePage = Success<'/api/v1/workspace/queues/{key}'>;
export type QueueItem = QueuePage['items'][number];
export type QueueDue = NonNullable<QueueItem['due']>;
export type SupervisorOverview = Success<'/api/v1/supervisor/overview'>;
export type PendingEscalation = SupervisorOverview['escalations'][number];
export type SlaAlert = SupervisorOverview['slaAlerts'][number];
export type TeamWait = SupervisorOverview['teams'][number];
export type SupervisorTotals = SupervisorOverview['totals'];
export type SlaMetric = SlaAlert['metric'];
export type CustomerIdentity = Customer['identities'][number];
export type PortalCallback = PortalCaseDetail['callbacks'][number];
export type PortalCallbackBooked = Success<'/api/v1/portal/cases/{id}/callbacks', 'post'>;
export type PortalOutage = Success<'/api/v1/portal/outages'>['items'][number];
export type PortalCallbackRequest = BodyOf<'/api/v1/portal/cases/{id}/callbacks', 'post'>;
export type PortalMessage = BodyOf<'/api/v1/portal/messages', 'post'>;
export type PortalMessageSent = Success<'/api/v1/portal/messages', 'post'>;
export type ContactAnalysis = NonNullable<TimelineItem['analysis']>;
export type CueKind = ContactAnalysis['cues'][number]['kind'];
export type SentimentLabel = ContactAnalysis['sentiment'];
export type ReviewPage = Success<'/api/v1/analysis/review'>;
export type ReviewItem = ReviewPage['items'][number];
export type ReviewQuery = NonNullable<paths['/api/v1/analysis/review']['get']['parameters']['query']>;
export type ReviewFacets = Success<'/api/v1/analysis/review/facets'>;
export type AnalysisAudit = Success<'/api/v1/analysis/audit'>;
export type AnalysisModel = Success<'/api/v1/analysis/models'>[number];
export type ModelTrained = Success<'/api/v1/analysis/models', 'post'>;
export type ModelTrainingRequest = BodyOf<'/api/v1/analysis/models', 'post'>;
export type ContactLabel = Success<'/api/v1/contacts/{id}/labels'>[number];
export type ContactLabelInput = BodyOf<'/api/v1/contacts/{id}/labels', 'post'>;
export type RecentAlert = Success<'/api/v1/analysis/alerts'>['items'][number];
export type VerificationStanding = Success<'/api/v1/customers/{id}/verification'>;
export type VerificationSession = Success<'/api/v1/verifications/{id}'>;
export type VerificationClaims = BodyOf<'/api/v1/verifications/{id}/claims', 'post'>;
export type VerificationClaimsAnswer = Success<'/api/v1/verifications/{id}/claims', 'post'>;
export type StepUpSent = Success<'/api/v1/verifications/{id}/step-up', 'post'>;
export type CodeChecked = Success<'/api/v1/verifications/{id}/code', 'post'>;
export type RecordCorrection = Success<'/api/v1/record-corrections/{id}'>;
