// Generated from the server's OpenAPI document (GET /api/v1/openapi.json) by `npm run api-types`.
// Do not edit: change the route schemas in src/http/ and regenerate.
export interface paths {
    readonly "/api/v1/artifacts/{digest}/manifest": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** A release's manifest (every file with its sha256), to fetch its bytes blob by blob and check them against the digest */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly digest: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The manifest */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["ArtifactManifest"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/artifacts/blobs/{sha256}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** One blob's bytes (the reader checks they hash to the name) */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly sha256: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The bytes */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/octet-stream": string;
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Upload one blob; refused unless its bytes hash to the name */
        readonly put: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly sha256: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/octet-stream": string;
                };
            };
            readonly responses: {
                /** @description Stored */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly sha256: string;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/artifacts/missing": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Which of these blobs the server does not hold yet (upload only those) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        readonly sha256: readonly string[];
                    };
                };
            };
            readonly responses: {
                /** @description The missing blobs */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly missing: readonly string[];
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/audit-events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The audit log, oldest first, each event chained to the one before by hash */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly after?: number | null;
                    readonly limit?: number;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Audit events */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["AuditEvent"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/audit-events/verification": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Recompute the hash chain and report the first broken link */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The verdict */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["AuditVerdict"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Deployments, newest first, in the environments the caller may read */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    /** @description Only deployments with a smaller id: the next page starts before the last id of this one */
                    readonly before?: number;
                    readonly environment?: string;
                    readonly limit?: number;
                    readonly service?: string;
                    readonly status?: readonly ("pending" | "awaiting_approval" | "queued" | "running" | "verifying" | "succeeded" | "failed" | "errored" | "interrupted" | "rejected" | "cancelled" | "superseded")[] | ("pending" | "awaiting_approval" | "queued" | "running" | "verifying" | "succeeded" | "failed" | "errored" | "interrupted" | "rejected" | "cancelled" | "superseded");
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Deployments */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["Deployment"][];
                    };
                };
                /** @description Not modified: the ETag sent in If-None-Match names the current answer (no body) */
                readonly 304: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        /** Request a deployment of a named release (a promotion, with its gates, where the environment has promoteFrom) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        readonly environment: string;
                        /** @default null */
                        readonly reason?: string | null;
                        readonly release: string;
                        readonly service: string;
                    };
                };
            };
            readonly responses: {
                /** @description The requested deployment and where its gates sent it */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["RequestedDeployment"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** One deployment with its release, approvals, steps and the rollbacks it caused */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The deployment */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["DeploymentDetail"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/approvals": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Approve or reject a waiting deployment (bound to its release digest; never the requester unless allowed) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default  */
                        readonly comment?: string;
                        /** @enum {string} */
                        readonly decision: "approve" | "reject";
                    };
                };
            };
            readonly responses: {
                /** @description The recorded decision */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Decision"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/cancel": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Cancel a deployment that has not started */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description The cancelled deployment */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/claim": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** A runner claims a queued deployment of an executor: runner environment: gates re-checked, the lock taken with a new fencing epoch */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": Record<string, never>;
                };
            };
            readonly responses: {
                /** @description A runner claims a queued deployment of an executor: runner environment: gates re-checked, the lock taken with a new fencing epoch */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["ExecutionClaim"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/finish": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** The runner's outcome; a failure has the engine's consequences (automatic rollback, quarantine, freeze) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        readonly reason: string;
                        /** @enum {string} */
                        readonly status: "succeeded";
                    } | {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        readonly healthFailed: boolean;
                        readonly reason: string;
                        /** @enum {string} */
                        readonly status: "failed" | "errored";
                        readonly touchedTargets: boolean;
                    };
                };
            };
            readonly responses: {
                /** @description The runner's outcome; a failure has the engine's consequences (automatic rollback, quarantine, freeze) */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["ExecutionOutcome"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/heartbeat": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Extends the lease of a claimed deployment */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                    };
                };
            };
            readonly responses: {
                /** @description Extends the lease of a claimed deployment */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            /** Format: date-time */
                            readonly leaseExpiresAt: string;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/logs": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Appends lines to the deployment's log (masked again with the server's secrets) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        readonly lines: readonly {
                            /** Format: date-time */
                            readonly at: string;
                            /** @enum {string} */
                            readonly level: "info" | "warn" | "error";
                            readonly message: string;
                            readonly source: string;
                        }[];
                    };
                };
            };
            readonly responses: {
                /** @description Appends lines to the deployment's log (masked again with the server's secrets) */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly appended: number;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/steps": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Records a step's intent before the runner runs it */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        /** @enum {string} */
                        readonly name: "prepare" | "activate" | "health" | "cleanup";
                    };
                };
            };
            readonly responses: {
                /** @description Records a step's intent before the runner runs it */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly stepId: number;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/steps/{stepId}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Records how a step ended */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                    readonly stepId: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly detail?: string | null;
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        /** @enum {string} */
                        readonly status: "succeeded" | "failed";
                    };
                };
            };
            readonly responses: {
                /** @description Records how a step ended */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly stepId: number;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/execution/verifying": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Activated on the runner: the deployment moves to verifying */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @description The fencing epoch the claim returned; refused with STALE_EPOCH once it no longer holds the lock */
                        readonly epoch: number;
                        readonly reason: string;
                    };
                };
            };
            readonly responses: {
                /** @description Activated on the runner: the deployment moves to verifying */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Deployment"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/deployments/{id}/logs": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** A page of a deployment's log (secrets already masked) */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly after?: number | null;
                    readonly limit?: number;
                };
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Log lines, oldest first */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["LogLine"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/environments/{environment}/freeze": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Freeze an environment: nothing deploys into it but rollbacks */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /**
                         * @default null
                         * @example 2h
                         */
                        readonly for?: string | null;
                        readonly reason: string;
                    };
                };
            };
            readonly responses: {
                /** @description The freeze */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Freeze"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Lift a freeze */
        readonly delete: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description Done */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Done"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/environments/{environment}/services/{service}/hold": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Hold the lock: deployments queue behind it */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description Done */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Done"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Lift a hold */
        readonly delete: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description Done */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Done"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/environments/{environment}/services/{service}/resume": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Resume auto-deploy after an automatic rollback paused it */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description Done */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Done"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/events": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Server-sent events: `deployment` (a deployment changed state; the Deployment as JSON) for every environment the caller may read, and `log` (a log line, secrets masked) for the deployment named by `deployment` */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly deployment?: number;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description An event stream */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "text/event-stream": string;
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/metrics/dora": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** DORA metrics from the ledger: deployment frequency, change lead time, change failure rate, recovery time, rework rate; per ISO week (UTC) and in total */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    /** @description Default: the last environment of every pipeline the caller may read */
                    readonly environment?: string;
                    readonly service?: string;
                    /** @description A duration (90d, 12h) or an ISO 8601 date or time */
                    readonly since?: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The metrics */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["DoraReport"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/notification-deliveries": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The notification delivery log, newest first (never a URL, key or body) */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    /** @description Only deliveries with a smaller id (paging) */
                    readonly before?: number;
                    readonly limit?: number;
                    readonly state?: "pending" | "delivered" | "failed";
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Deliveries */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["NotificationDelivery"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/pipeline": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Services and environments in pipeline order, with their gates (no secret values: waka.yml holds none) */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The pipeline */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Pipeline"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/previews/deployment": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The release a deploy would move (for confirmations) */
        readonly get: {
            readonly parameters: {
                readonly query: {
                    readonly release: string;
                    readonly service: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The release it would move */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Release"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/previews/promotion": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The release a promotion would move: the named one or the one live upstream */
        readonly get: {
            readonly parameters: {
                readonly query: {
                    readonly from?: string;
                    readonly release?: string;
                    readonly service: string;
                    readonly to: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The release it would move */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Release"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/previews/rollback": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The release a rollback would return to */
        readonly get: {
            readonly parameters: {
                readonly query: {
                    readonly environment: string;
                    readonly service: string;
                    readonly to?: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The release it would move */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Release"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/promotions": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Promote the release live upstream (or a named one verified there) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly from?: string | null;
                        /** @default null */
                        readonly reason?: string | null;
                        /** @default null */
                        readonly release?: string | null;
                        readonly service: string;
                        readonly to: string;
                    };
                };
            };
            readonly responses: {
                /** @description The requested promotion */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["RequestedDeployment"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/releases": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** A service's releases, newest first, with quarantines */
        readonly get: {
            readonly parameters: {
                readonly query: {
                    readonly limit?: number;
                    readonly service: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Releases */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["ReleaseRow"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        /** Register a release from a manifest whose blobs were uploaded; starts the auto-deploys it triggers */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        readonly artifact: {
                            readonly entries: readonly ({
                                readonly mode: number;
                                readonly path: string;
                                readonly sha256: string;
                                readonly size: number;
                                /** @enum {string} */
                                readonly type: "file";
                            } | {
                                readonly path: string;
                                readonly target: string;
                                /** @enum {string} */
                                readonly type: "symlink";
                            } | {
                                readonly path: string;
                                /** @enum {string} */
                                readonly type: "directory";
                            })[];
                            /** @enum {string} */
                            readonly kind: "file" | "directory";
                        } | {
                            /** @description repo@sha256:… or repo:tag; a tag is resolved once, by the server, to its manifest digest */
                            readonly image: string;
                        };
                        readonly service: string;
                        /**
                         * @default {
                         *       "repository": null,
                         *       "commit": null,
                         *       "branch": null,
                         *       "buildUrl": null,
                         *       "committedAt": null
                         *     }
                         */
                        readonly source?: {
                            readonly branch: string | null;
                            readonly buildUrl: string | null;
                            readonly commit: string | null;
                            /**
                             * @description When the commit was made, ISO 8601 with an offset (git show -s --format=%cI)
                             * @default null
                             * @example 2026-03-01T10:00:00+05:30
                             */
                            readonly committedAt?: string | null;
                            readonly repository: string | null;
                        };
                        readonly version: string;
                    };
                };
            };
            readonly responses: {
                /** @description The release and the deployments it started */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly created: boolean;
                            readonly deployments: readonly components["schemas"]["RequestedDeployment"][];
                            readonly release: components["schemas"]["Release"];
                            readonly skipped: readonly {
                                readonly environment: string;
                                readonly reason: string;
                            }[];
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/releases/{service}/{release}/quarantine": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Quarantine a release: no path deploys it again */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly release: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description The quarantine */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Quarantine"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Lift a quarantine */
        readonly delete: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly release: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description Done */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Done"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/rollbacks": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Roll back to the previous verified release, or a named one verified in the environment */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        readonly environment: string;
                        /** @default null */
                        readonly reason?: string | null;
                        readonly service: string;
                        /** @default null */
                        readonly to?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description The requested rollback */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["RequestedDeployment"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/services/{service}/environments/{environment}/rollback-readiness": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Whether a rollback would work: the release it returns to is known, not quarantined, and intact on every target (asked of the driver). `moment=after`: for a deployment about to run, the release live now */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly moment?: "now" | "after";
                };
                readonly header?: never;
                readonly path: {
                    readonly environment: string;
                    readonly service: string;
                };
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The checks and each target's answer */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["RollbackReadiness"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/session": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** Who the caller is, their roles per environment, and the CSRF token of their session */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description The caller */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        /** Sign out */
        readonly delete: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Signed out */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            /** @enum {boolean} */
                            readonly ok: true;
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/sessions": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        /** Sign in with an API token: sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        readonly token: string;
                    };
                };
            };
            readonly responses: {
                /** @description Signed in */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/status": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** The service × environment matrix the caller may read, with pending approvals */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly service?: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Status */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["StatusReport"];
                    };
                };
                /** @description Not modified: the ETag sent in If-None-Match names the current answer (no body) */
                readonly 304: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/targets": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** What each target's hosts run, asked of their drivers, next to the ledger (drift) */
        readonly get: {
            readonly parameters: {
                readonly query?: {
                    readonly service?: string;
                };
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Per service × environment, its hosts */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["TargetHosts"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        readonly post?: never;
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/tokens": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        /** API tokens (no secrets): all of them for admins, your own for others */
        readonly get: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody?: never;
            readonly responses: {
                /** @description Tokens */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": readonly components["schemas"]["ApiToken"][];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly put?: never;
        /** Create an API token; the secret is in this response only and never stored (admin of what it covers) */
        readonly post: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path?: never;
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default [] */
                        readonly environments?: readonly string[];
                        /** @example 30d */
                        readonly expiresIn: string;
                        readonly name: string;
                        /**
                         * @default null
                         * @enum {string|null}
                         */
                        readonly role?: "viewer" | "deployer" | "approver" | "admin" | null;
                        /** @default null */
                        readonly subject?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description The token and its secret (shown once) */
                readonly 201: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": {
                            readonly secret: string;
                            readonly token: components["schemas"]["ApiToken"];
                        };
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly delete?: never;
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
    readonly "/api/v1/tokens/{id}": {
        readonly parameters: {
            readonly query?: never;
            readonly header?: never;
            readonly path?: never;
            readonly cookie?: never;
        };
        readonly get?: never;
        readonly put?: never;
        readonly post?: never;
        /** Revoke a token by id (and end its sessions) */
        readonly delete: {
            readonly parameters: {
                readonly query?: never;
                readonly header?: never;
                readonly path: {
                    readonly id: number;
                };
                readonly cookie?: never;
            };
            readonly requestBody: {
                readonly content: {
                    readonly "application/json": {
                        /** @default null */
                        readonly reason?: string | null;
                    };
                };
            };
            readonly responses: {
                /** @description The revoked token */
                readonly 200: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["ApiToken"];
                    };
                };
                /** @description Invalid request (INVALID_ARGUMENT) */
                readonly 400: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No or bad credentials (UNAUTHENTICATED) */
                readonly 401: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not permitted (FORBIDDEN, SELF_APPROVAL_FORBIDDEN) */
                readonly 403: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such object (NOT_FOUND) */
                readonly 404: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflicts with the current state (CONFLICT, INVALID_TRANSITION, …) */
                readonly 409: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Unexpected fault (INTERNAL); the message names a request id */
                readonly 500: {
                    headers: {
                        readonly [name: string]: unknown;
                    };
                    content: {
                        readonly "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        readonly options?: never;
        readonly head?: never;
        readonly patch?: never;
        readonly trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        readonly ApiToken: {
            readonly createdAt: string;
            readonly createdBy: string;
            readonly environments: readonly string[];
            readonly expiresAt: string;
            readonly id: number;
            readonly name: string;
            readonly revokedAt: string | null;
            readonly revokedBy: string | null;
            /** @enum {string|null} */
            readonly role: "viewer" | "deployer" | "approver" | "admin" | null;
            readonly subject: string;
        };
        readonly Approval: {
            readonly actor: string;
            readonly comment: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            /** @enum {string} */
            readonly decision: "approve" | "reject";
            readonly deploymentId: number;
            readonly environment: string;
            readonly id: number;
            readonly policyHash: string;
            /** @example sha256:abababababababababababababababababababababababababababababababab */
            readonly releaseDigest: string;
        };
        readonly ApprovalTally: {
            readonly approvedBy: readonly string[];
            readonly ignored: readonly {
                readonly actor: string;
                readonly why: string;
            }[];
            readonly rejectedBy: components["schemas"]["Approval"] | null;
            readonly required: number;
        };
        readonly ArtifactManifest: {
            readonly digest: string;
            readonly entries: readonly ({
                readonly mode: number;
                readonly path: string;
                readonly sha256: string;
                readonly size: number;
                /** @enum {string} */
                readonly type: "file";
            } | {
                readonly path: string;
                readonly target: string;
                /** @enum {string} */
                readonly type: "symlink";
            } | {
                readonly path: string;
                /** @enum {string} */
                readonly type: "directory";
            })[];
            /** @enum {string} */
            readonly kind: "file" | "directory";
        };
        readonly AuditEvent: {
            readonly action: string;
            readonly actor: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly at: string;
            readonly data: {
                readonly [key: string]: unknown;
            } | null;
            readonly deploymentId: number | null;
            readonly environment: string | null;
            readonly epoch: number | null;
            readonly hash: string;
            readonly prevHash: string;
            readonly reason: string | null;
            readonly releaseDigest: string | null;
            readonly seq: number;
            readonly service: string | null;
        };
        readonly AuditVerdict: {
            readonly events: number;
            readonly head: string;
            /** @enum {boolean} */
            readonly ok: true;
        } | {
            readonly brokenAt: number;
            readonly events: number;
            /** @enum {boolean} */
            readonly ok: false;
            readonly problem: string;
        };
        readonly AutoDeployPause: {
            readonly by: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            readonly environment: string;
            readonly reason: string;
            readonly service: string;
        };
        readonly Decision: {
            readonly approval: components["schemas"]["Approval"];
            readonly deployment: components["schemas"]["Deployment"];
            readonly tally: components["schemas"]["ApprovalTally"];
        };
        readonly Deployment: {
            readonly automatic: boolean;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            readonly environment: string;
            readonly epoch: number | null;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly finishedAt: string | null;
            readonly fromEnvironment: string | null;
            readonly id: number;
            /** @enum {string} */
            readonly kind: "deploy" | "promotion" | "rollback";
            readonly policyHash: string;
            readonly previousReleaseId: number | null;
            readonly reason: string | null;
            /** @example sha256:abababababababababababababababababababababababababababababababab */
            readonly releaseDigest: string;
            readonly releaseId: number;
            readonly releaseVersion: string;
            readonly requestedBy: string;
            readonly rollbackOf: number | null;
            readonly service: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly startedAt: string | null;
            /** @enum {string} */
            readonly status: "pending" | "awaiting_approval" | "queued" | "running" | "verifying" | "succeeded" | "failed" | "errored" | "interrupted" | "rejected" | "cancelled" | "superseded";
            readonly statusReason: string | null;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly updatedAt: string;
        };
        readonly DeploymentDetail: {
            readonly approvals: readonly components["schemas"]["Approval"][];
            readonly deployment: components["schemas"]["Deployment"];
            readonly release: components["schemas"]["Release"];
            readonly rollbacks: readonly components["schemas"]["Deployment"][];
            readonly steps: readonly components["schemas"]["DeploymentStep"][];
        };
        readonly DeploymentStep: {
            readonly deploymentId: number;
            readonly detail: string | null;
            readonly epoch: number;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly finishedAt: string | null;
            readonly id: number;
            /** @enum {string} */
            readonly name: "prepare" | "activate" | "health" | "cleanup" | "reconcile";
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly startedAt: string;
            /** @enum {string} */
            readonly status: "started" | "succeeded" | "failed";
        };
        readonly Done: {
            /** @enum {boolean} */
            readonly ok: true;
        };
        readonly DoraReport: {
            readonly environments: readonly string[];
            readonly failures: readonly {
                readonly deploymentId: number;
                readonly environment: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T00:00:00.000Z
                 */
                readonly finishedAt: string;
                /** @enum {string} */
                readonly reason: "failed" | "interrupted" | "rolled_back" | "quarantined";
                readonly recoveredBy: number | null;
                readonly recoveryMs: number | null;
                readonly service: string;
            }[];
            readonly service: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T00:00:00.000Z
             */
            readonly since: string;
            readonly totals: {
                /** @description failures / changes */
                readonly changeFailureRate: number | null;
                /** @description Change deployments that finished succeeded, failed or interrupted */
                readonly changes: number;
                /** @description Deployment frequency: change deployments (deploy, promotion) that succeeded */
                readonly deployments: number;
                readonly deploymentsPerWeek: number;
                /** @description Change deployments that failed, were interrupted, rolled back or quarantined */
                readonly failures: number;
                /** @description Commit → the release's first success in the environment */
                readonly leadTime: {
                    readonly count: number;
                    readonly medianMs: number | null;
                    readonly withoutCommitTime: number;
                };
                /** @description The failed deployment’s end → the next successful deployment of that service there */
                readonly recovery: {
                    readonly count: number;
                    readonly medianMs: number | null;
                    readonly unrecovered: number;
                };
                /** @description Rollbacks and changes made while a failure was open, over all finished deployments */
                readonly rework: {
                    readonly deployments: number;
                    readonly rate: number | null;
                    readonly rework: number;
                };
            };
            /**
             * Format: date-time
             * @example 2026-03-02T00:00:00.000Z
             */
            readonly until: string;
            readonly weeks: readonly {
                /** @description failures / changes */
                readonly changeFailureRate: number | null;
                /** @description Change deployments that finished succeeded, failed or interrupted */
                readonly changes: number;
                /** @description Deployment frequency: change deployments (deploy, promotion) that succeeded */
                readonly deployments: number;
                /** @description Change deployments that failed, were interrupted, rolled back or quarantined */
                readonly failures: number;
                /** @description Commit → the release's first success in the environment */
                readonly leadTime: {
                    readonly count: number;
                    readonly medianMs: number | null;
                    readonly withoutCommitTime: number;
                };
                /** @description The failed deployment’s end → the next successful deployment of that service there */
                readonly recovery: {
                    readonly count: number;
                    readonly medianMs: number | null;
                    readonly unrecovered: number;
                };
                /** @description Rollbacks and changes made while a failure was open, over all finished deployments */
                readonly rework: {
                    readonly deployments: number;
                    readonly rate: number | null;
                    readonly rework: number;
                };
                /**
                 * Format: date-time
                 * @example 2026-03-02T00:00:00.000Z
                 */
                readonly start: string;
                /** @example 2026-W10 */
                readonly week: string;
            }[];
        };
        readonly Environment: {
            readonly autoDeploy: {
                readonly branches: readonly string[];
            } | null;
            readonly confirm: boolean;
            /**
             * @description server: the server runs deployments here; runner: a CI runner claims them (waka execute)
             * @enum {string}
             */
            readonly executor: "server" | "runner";
            readonly gates: {
                readonly approvals: {
                    readonly allowSelfApproval: boolean;
                    readonly expireAfterMs: number | null;
                    readonly from: readonly string[];
                    readonly required: number;
                } | null;
                readonly branches: readonly string[] | null;
                readonly soakMs: number;
                readonly windows: readonly {
                    readonly days: readonly string[];
                    readonly fromMinute: number;
                    readonly timezone: string;
                    readonly toMinute: number;
                }[];
            };
            readonly name: string;
            readonly promoteFrom: string | null;
            /** @enum {string} */
            readonly queue: "fifo" | "latest";
            readonly rollback: {
                readonly auto: boolean;
                readonly keepReleases: number;
                readonly quarantineFailed: boolean;
            };
        };
        readonly Error: {
            readonly error: {
                /**
                 * @example NOT_FOUND
                 * @enum {string}
                 */
                readonly code: "INVALID_ARGUMENT" | "PAYLOAD_TOO_LARGE" | "INVALID_CONFIG" | "NOT_FOUND" | "CONFLICT" | "INVALID_TRANSITION" | "UNAUTHENTICATED" | "RATE_LIMITED" | "FORBIDDEN" | "SELF_APPROVAL_FORBIDDEN" | "GATE_BLOCKED" | "RELEASE_QUARANTINED" | "ENVIRONMENT_FROZEN" | "STALE_EPOCH" | "ARTIFACT_INVALID" | "IMAGE_NOT_FOUND" | "REGISTRY_AUTH_FAILED" | "REGISTRY_UNAVAILABLE" | "SECRET_MISSING" | "DRIVER_FAILED" | "HEALTH_CHECK_FAILED" | "CONFIRMATION_REQUIRED" | "CANCELLED" | "TIMEOUT" | "STORE_BUSY" | "UNAVAILABLE" | "INTERNAL";
                readonly details: {
                    readonly [key: string]: unknown;
                };
                /** @example deployment #42 does not exist */
                readonly message: string;
            };
        };
        readonly ExecutionClaim: {
            readonly deployment: components["schemas"]["Deployment"];
            readonly epoch: number;
            readonly lastVerifiedRelease: components["schemas"]["Release"] | null;
            /** Format: date-time */
            readonly leaseExpiresAt: string;
            readonly leaseTtlMs: number;
            readonly previousRelease: components["schemas"]["Release"] | null;
            readonly release: components["schemas"]["Release"];
        };
        readonly ExecutionOutcome: {
            readonly deployment: components["schemas"]["Deployment"];
            readonly notes: readonly string[];
            readonly rollback: components["schemas"]["Deployment"] | null;
        };
        readonly Freeze: {
            readonly by: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            readonly environment: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly expiresAt: string | null;
            readonly reason: string;
        };
        readonly GateCheck: {
            /** @enum {string} */
            readonly gate: "quarantine" | "freeze" | "branch" | "upstream" | "soak" | "window" | "rollbackReady" | "approvals";
            readonly message: string;
            readonly opensAt?: number;
            /** @enum {string} */
            readonly verdict: "pass" | "wait" | "block";
        };
        readonly HostLive: {
            readonly drift: boolean;
            readonly error: string | null;
            readonly live: string | null;
            readonly target: string;
        };
        readonly Lease: {
            readonly deploymentId: number | null;
            readonly environment: string;
            readonly epoch: number;
            readonly expiresAtMs: number | null;
            readonly hold: {
                /**
                 * Format: date-time
                 * @example 2026-11-26T12:00:00.000Z
                 */
                readonly at: string;
                readonly by: string;
                readonly reason: string;
            } | null;
            readonly owner: string | null;
            readonly service: string;
        };
        readonly LogLine: {
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly at: string;
            readonly deploymentId: number;
            /** @enum {string} */
            readonly level: "info" | "warn" | "error";
            readonly message: string;
            readonly seq: number;
            readonly source: string;
        };
        readonly NotificationDelivery: {
            readonly attempts: number;
            /** @description The audit event this delivery tells of */
            readonly auditSeq: number;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly deliveredAt: string | null;
            readonly deploymentId: number | null;
            readonly environment: string | null;
            readonly event: string;
            readonly id: number;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly lastAttemptAt: string | null;
            /** @description What went wrong last, secrets masked */
            readonly lastError: string | null;
            /** @description HTTP status of the last attempt; null when it got no answer */
            readonly lastStatus: number | null;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly nextAttemptAt: string | null;
            readonly service: string | null;
            /** @enum {string} */
            readonly state: "pending" | "delivered" | "failed";
            readonly target: string;
            /** @enum {string} */
            readonly targetType: "webhook" | "slack" | "cdevents";
        };
        readonly Pipeline: {
            readonly environments: readonly components["schemas"]["Environment"][];
            readonly services: readonly {
                readonly name: string;
                readonly repository: {
                    readonly id: number | null;
                    readonly name: string;
                } | null;
            }[];
        };
        readonly Quarantine: {
            readonly by: string;
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            readonly reason: string;
            readonly releaseId: number;
            readonly service: string;
        };
        readonly Release: {
            readonly artifact: {
                readonly bytes: number;
                readonly files: number;
                /** @description Set for image releases: the digest is the manifest digest in this repository */
                readonly image?: {
                    readonly platform: string | null;
                    readonly repository: string;
                };
                /** @enum {string} */
                readonly kind: "file" | "directory" | "image";
            };
            /**
             * Format: date-time
             * @example 2026-11-26T12:00:00.000Z
             */
            readonly createdAt: string;
            readonly createdBy: string;
            /** @example sha256:abababababababababababababababababababababababababababababababab */
            readonly digest: string;
            readonly id: number;
            readonly service: string;
            readonly source: {
                readonly branch: string | null;
                readonly buildUrl: string | null;
                readonly commit: string | null;
                /**
                 * Format: date-time
                 * @description When the commit was made, in UTC; where change lead time starts
                 * @example 2026-11-26T12:00:00.000Z
                 */
                readonly committedAt: string | null;
                readonly repository: string | null;
            };
            readonly version: string;
        };
        readonly ReleaseRow: components["schemas"]["Release"] & {
            readonly quarantine: components["schemas"]["Quarantine"] | null;
        };
        readonly RequestedDeployment: {
            readonly deployment: components["schemas"]["Deployment"];
            readonly evaluation: {
                readonly checks: readonly components["schemas"]["GateCheck"][];
                /** @enum {string} */
                readonly outcome: "queued" | "awaiting_approval" | "pending" | "rejected";
                readonly reason: string;
            };
            readonly superseded: readonly components["schemas"]["Deployment"][];
        };
        readonly RollbackReadiness: {
            readonly checks: readonly {
                /** @enum {string} */
                readonly check: "previous" | "quarantine" | "targets" | "reachable";
                readonly message: string;
                /** @enum {string} */
                readonly verdict: "pass" | "fail" | "unknown";
            }[];
            readonly environment: string;
            /** @description Every check passed; an unknown answer is not ready */
            readonly ready: boolean;
            /** @description The release a rollback returns to */
            readonly release: {
                readonly digest: string;
                readonly id: number;
                readonly version: string;
            } | null;
            readonly service: string;
            readonly targets: readonly {
                readonly message: string;
                /** @enum {string} */
                readonly state: "verified" | "missing" | "damaged" | "unreachable";
                readonly target: string;
            }[];
        };
        readonly Session: {
            readonly csrfToken: string | null;
            readonly expiresAt: string | null;
            readonly roles: {
                readonly [key: string]: readonly string[];
            };
            readonly user: string;
        };
        readonly StatusReport: {
            readonly environments: readonly string[];
            readonly pendingApprovals: readonly {
                readonly deployment: components["schemas"]["Deployment"];
                readonly tally: components["schemas"]["ApprovalTally"];
            }[];
            readonly services: readonly string[];
            readonly targets: readonly components["schemas"]["TargetStatus"][];
        };
        readonly TargetHosts: {
            readonly drifted: number;
            readonly environment: string;
            readonly hosts: readonly components["schemas"]["HostLive"][];
            readonly ledger: components["schemas"]["Release"] | null;
            readonly service: string;
        };
        readonly TargetStatus: {
            readonly active: components["schemas"]["Deployment"] | null;
            readonly autoDeployPause: components["schemas"]["AutoDeployPause"] | null;
            readonly environment: string;
            readonly freeze: components["schemas"]["Freeze"] | null;
            readonly latest: components["schemas"]["Deployment"] | null;
            readonly lease: components["schemas"]["Lease"] | null;
            readonly live: {
                readonly deploymentId: number;
                readonly release: components["schemas"]["Release"];
                readonly since: string;
            } | null;
            readonly service: string;
            readonly waiting: readonly components["schemas"]["Deployment"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
