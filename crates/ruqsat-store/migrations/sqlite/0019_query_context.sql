-- Who asked a registry and for which case, as X-Road messages carry them (`X-Road-UserId`,
-- `X-Road-Issue`): the official or the part of Ruqsat acting for the police body, and the case's
-- number. Earlier queries have neither.
ALTER TABLE registry_queries ADD COLUMN user_id TEXT;
ALTER TABLE registry_queries ADD COLUMN issue TEXT;
