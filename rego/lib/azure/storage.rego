# METADATA
# title: Azure Storage helpers
# description: Which services a storage account kind offers, so checks apply only where they can.
package cspm.lib.azure.storage

# has_blob_service holds for account kinds with a blob service (all but FileStorage).
has_blob_service(kind) if kind in {"StorageV2", "Storage", "BlobStorage", "BlockBlobStorage"}

# has_file_service holds for account kinds with a file (SMB/NFS share) service.
has_file_service(kind) if kind in {"StorageV2", "Storage", "FileStorage"}

# Replication SKUs that keep a copy in a second region.
geo_redundant_skus := {"Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS"}
