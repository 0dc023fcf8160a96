-- Tasks, the history of their runs, and an append-only timeline of events.
-- A task's artifacts live on its runs, so re-running a task never destroys an earlier run's plan, result or
-- verification. Stage transitions are compare-and-set on runs.stage and runs.version.

CREATE TABLE tasks (
    task_id          uuid        PRIMARY KEY,
    input_task       text        NOT NULL CHECK (length(btrim(input_task)) > 0),
    context          jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(context) = 'object'),
    status           text        NOT NULL DEFAULT 'queued'
                                 CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    current_run_id   uuid,
    run_count        integer     NOT NULL DEFAULT 0,
    idempotency_key  text        UNIQUE,
    request_hash     text,
    version          bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX tasks_created_at_idx ON tasks (created_at DESC, task_id DESC);
CREATE INDEX tasks_status_idx ON tasks (status, created_at DESC);

CREATE TABLE runs (
    run_id             uuid        PRIMARY KEY,
    task_id            uuid        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    run_number         integer     NOT NULL,
    status             text        NOT NULL DEFAULT 'running'
                                   CHECK (status IN ('running', 'succeeded', 'failed')),
    stage              text        NOT NULL DEFAULT 'plan'
                                   CHECK (stage IN ('plan', 'execute', 'verify', 'done')),
    version            bigint      NOT NULL DEFAULT 0,
    -- The lease of the delivery currently working on the stage; NULL when nobody is.
    lease_owner        text,
    lease_until        timestamptz,
    stage_attempts     integer     NOT NULL DEFAULT 0,
    stage_entered_at   timestamptz NOT NULL DEFAULT now(),
    sweep_count        integer     NOT NULL DEFAULT 0,
    swept_at           timestamptz,
    plan_json          jsonb,
    result_json        jsonb,
    verification_json  jsonb,
    failure_reason     text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    UNIQUE (task_id, run_number)
);

CREATE INDEX runs_task_idx ON runs (task_id, run_number DESC);
CREATE INDEX runs_running_idx ON runs (stage_entered_at) WHERE status = 'running';

CREATE TABLE task_events (
    event_id    bigserial   PRIMARY KEY,
    task_id     uuid        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    run_id      uuid        REFERENCES runs (run_id) ON DELETE CASCADE,
    kind        text        NOT NULL,
    stage       text,
    attempt     integer,
    detail      jsonb,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE INDEX task_events_task_idx ON task_events (task_id, event_id);
