-- Sign-in limits through the one atomic limiter (rate_limits, counted before the password is
-- checked): the old failure log, read before and written after the check, is gone. Old windows
-- are pruned by their start, which needs its own index (the primary key starts with `key`).
CREATE INDEX IF NOT EXISTS rate_limits_window_start ON rate_limits(window_start);
DROP TABLE IF EXISTS login_failures;
