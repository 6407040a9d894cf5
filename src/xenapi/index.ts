/**
 * Public surface of the XenAPI client. Resources import from here, never from deeper files.
 */
export { XapiClient, type XapiClientOptions, type XapiCredentials, type CallOptions } from './client';
export { createTransport, type Transport, type TransportCallOptions, type HttpTransportOptions, type WireProtocolName } from './transport';
export { XapiError, XapiTransportError, XapiProtocolError, isXapiError, describeCall, type XapiCall, type XapiClientError, type TransportFailureKind } from './errors';
export { classifyFailure, isIdempotentMethod, TRANSIENT_XAPI_CODES, type FailureClass } from './failures';
export { DEFAULT_RETRY_POLICY, NO_RETRY, backoffDelay, type RetryPolicy } from './retry';
export { systemClock, VirtualClock, type Clock } from './clock';
export { callAsync, waitForTask, decodeTaskResult, type AsyncCallOptions } from './tasks';
export { watchEvents, eventFrom, type EventBatch, type XapiEvent, type WatchOptions } from './events';
export { getAllRecords, getAllRecordsWhere, getRecord, decodeRecordMap } from './reads';
export { redactArgs, redactValue, isSecretKey, displayUrl, SESSION_PLACEHOLDER, SECRET_PLACEHOLDER } from './redact';
export { masterUrl } from './master-url';
export type { XapiLogEntry, XapiLogger, XapiLogEvent } from './log';
export * from './records';
export type { XapiValue, XapiEncodable } from './wire/values';
export { xmlrpcDouble } from './wire/values';
