/** What the query engine reads from storage: the storage layer's catalog contract, under the engine's names. */
export type {
  ColumnMeta as CatalogColumn,
  ScalarType as CatalogScalarType,
  Storage as QueryStorage,
  TableMeta as CatalogTable,
} from '../storage/catalog-types';
