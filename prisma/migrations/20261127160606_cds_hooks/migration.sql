-- CreateTable
CREATE TABLE "cds_clients" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jwks" TEXT NOT NULL,
    "fhir_servers" TEXT NOT NULL DEFAULT '[]',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cds_clients_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cds_jwt_ids" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cds_client_id" TEXT NOT NULL,
    "jti" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "cds_jwt_ids_cds_client_id_fkey" FOREIGN KEY ("cds_client_id") REFERENCES "cds_clients" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cds_cards" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "cds_client_id" TEXT NOT NULL,
    "hook_instance" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "rule_ids" TEXT NOT NULL,
    "rules_version" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cds_cards_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "cds_cards_cds_client_id_fkey" FOREIGN KEY ("cds_client_id") REFERENCES "cds_clients" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "cds_clients_issuer_key" ON "cds_clients"("issuer");

-- CreateIndex
CREATE INDEX "cds_clients_organisation_id_idx" ON "cds_clients"("organisation_id");

-- CreateIndex
CREATE INDEX "cds_jwt_ids_expires_at_idx" ON "cds_jwt_ids"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "cds_jwt_ids_cds_client_id_jti_key" ON "cds_jwt_ids"("cds_client_id", "jti");

-- CreateIndex
CREATE INDEX "cds_cards_organisation_id_created_at_idx" ON "cds_cards"("organisation_id", "created_at");
