-- Plans now decide features: the free plan has no tasks. Every organization made before this used
-- tasks freely (work items, My work, the board, quick actions that create tasks), so moving them
-- to the free plan's meaning would take away work in progress without a word. They move to the
-- team plan, the smallest that includes tasks, and keep their own seat limit (no seats are given
-- or taken); the platform owner can put any of them back on the free plan. New organizations
-- still start on the free plan (the column's default and the create form's).
UPDATE "organizations" SET "plan" = 'team' WHERE "plan" = 'free';
