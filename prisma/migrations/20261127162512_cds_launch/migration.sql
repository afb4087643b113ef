-- CreateTable
CREATE TABLE "cds_launches" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "cds_client_id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "cds_launches_cds_client_id_fkey" FOREIGN KEY ("cds_client_id") REFERENCES "cds_clients" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "cds_launches_expires_at_idx" ON "cds_launches"("expires_at");
