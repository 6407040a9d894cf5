// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface SrConfig extends cdktf.TerraformMetaArguments {
  /**
  * `user` for disks, `iso` for ISO libraries. Must be one of `user`, `iso`, `disk`. Defaults to `"user"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#content_type Sr#content_type}
  */
  readonly contentType?: string;
  /**
  * Driver settings stored in the PBDs (e.g. `server`, `serverpath`, `target`, `SCSIid`, `device`). Defaults to `{}`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#device_config Sr#device_config}
  */
  readonly deviceConfig?: { [key: string]: string };
  /**
  * Secret driver settings (e.g. `password`, `chappassword`), merged into `device_config` at creation and never shown in plans or logs. Defaults to `{}`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#device_config_secrets Sr#device_config_secrets}
  */
  readonly deviceConfigSecrets?: { [key: string]: string };
  /**
  * Name or UUID of the host of a local (not shared) SR. Defaults to the coordinator. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#host Sr#host}
  */
  readonly host?: string;
  /**
  * Use this SR for IntelliCache local caching (`host.enable_local_storage_caching`). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#local_caching Sr#local_caching}
  */
  readonly localCaching?: boolean | cdktf.IResolvable;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#name_description Sr#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#name_label Sr#name_label}
  */
  readonly nameLabel: string;
  /**
  * On destroy, `forget` the SR (data kept on the storage) or `destroy` it (data erased). Must be one of `forget`, `destroy`. Defaults to `"forget"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#on_destroy Sr#on_destroy}
  */
  readonly onDestroy?: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#other_config Sr#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#pool Sr#pool}
  */
  readonly pool?: string;
  /**
  * Whether every host reaches the storage (a PBD per host). Fixed at creation: flipping the flag does not make storage shared. Defaults to `false`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#shared Sr#shared}
  */
  readonly shared?: boolean | cdktf.IResolvable;
  /**
  * Physical size in bytes passed to `SR.create` (types that need it). Must be a whole number of at least 0. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#size Sr#size}
  */
  readonly size?: number;
  /**
  * Storage manager settings passed to `SR.create`. Defaults to `{}`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#sm_config Sr#sm_config}
  */
  readonly smConfig?: { [key: string]: string };
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#tags Sr#tags}
  */
  readonly tags?: string[];
  /**
  * SR driver type (`nfs`, `lvm`, `ext`, `iso`, `lvmoiscsi`, `smb`, ...). Fixed at creation. Must be one of `nfs`, `lvm`, `ext`, `xfs`, `zfs`, `iso`, `udev`, `lvmoiscsi`, `lvmohba`, `lvmofcoe`, `smb`, `cifs`, `gfs2`, `glusterfs`, `cephfs`, `moosefs`, `largeblock`, `linstor`, `file`, `dummy`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#type Sr#type}
  */
  readonly type: string;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#timeouts Sr#timeouts}
  */
  readonly timeouts?: SrTimeouts;
}
export interface SrTimeouts {
  /**
  * Longest time the create (with the copies, imports and waits it makes) may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#create Sr#create}
  */
  readonly create?: string;
  /**
  * Longest time the destroy may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#delete Sr#delete}
  */
  readonly delete?: string;
  /**
  * Longest time an update or migration may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#update Sr#update}
  */
  readonly update?: string;
}

export function srTimeoutsToTerraform(struct?: SrTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function srTimeoutsToHclTerraform(struct?: SrTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class SrTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): SrTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: SrTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr xcp_sr}
*/
export class Sr extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_sr";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Sr resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Sr to import
  * @param importFromId The id of the existing Sr that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Sr to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_sr", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/sr xcp_sr} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options SrConfig
  */
  public constructor(scope: Construct, id: string, config: SrConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_sr',
      terraformGeneratorMetadata: {
        providerName: 'xcp',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._contentType = config.contentType;
    this._deviceConfig = config.deviceConfig;
    this._deviceConfigSecrets = config.deviceConfigSecrets;
    this._host = config.host;
    this._localCaching = config.localCaching;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._onDestroy = config.onDestroy;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._shared = config.shared;
    this._size = config.size;
    this._smConfig = config.smConfig;
    this._tags = config.tags;
    this._type = config.type;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // content_type - computed: true, optional: true, required: false
  private _contentType?: string; 
  public get contentType() {
    return this.getStringAttribute('content_type');
  }
  public set contentType(value: string) {
    this._contentType = value;
  }
  public resetContentType() {
    this._contentType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get contentTypeInput() {
    return this._contentType;
  }

  // default_for_pool - computed: true, optional: false, required: false
  public get defaultForPool() {
    return this.getBooleanAttribute('default_for_pool');
  }

  // device_config - computed: true, optional: true, required: false
  private _deviceConfig?: { [key: string]: string }; 
  public get deviceConfig() {
    return this.getStringMapAttribute('device_config');
  }
  public set deviceConfig(value: { [key: string]: string }) {
    this._deviceConfig = value;
  }
  public resetDeviceConfig() {
    this._deviceConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deviceConfigInput() {
    return this._deviceConfig;
  }

  // device_config_secrets - computed: true, optional: true, required: false
  private _deviceConfigSecrets?: { [key: string]: string }; 
  public get deviceConfigSecrets() {
    return this.getStringMapAttribute('device_config_secrets');
  }
  public set deviceConfigSecrets(value: { [key: string]: string }) {
    this._deviceConfigSecrets = value;
  }
  public resetDeviceConfigSecrets() {
    this._deviceConfigSecrets = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deviceConfigSecretsInput() {
    return this._deviceConfigSecrets;
  }

  // host - computed: true, optional: true, required: false
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  public resetHost() {
    this._host = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // hosts - computed: true, optional: false, required: false
  public get hosts() {
    return this.getListAttribute('hosts');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // local_caching - computed: true, optional: true, required: false
  private _localCaching?: boolean | cdktf.IResolvable; 
  public get localCaching() {
    return this.getBooleanAttribute('local_caching');
  }
  public set localCaching(value: boolean | cdktf.IResolvable) {
    this._localCaching = value;
  }
  public resetLocalCaching() {
    this._localCaching = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get localCachingInput() {
    return this._localCaching;
  }

  // name_description - computed: true, optional: true, required: false
  private _nameDescription?: string; 
  public get nameDescription() {
    return this.getStringAttribute('name_description');
  }
  public set nameDescription(value: string) {
    this._nameDescription = value;
  }
  public resetNameDescription() {
    this._nameDescription = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameDescriptionInput() {
    return this._nameDescription;
  }

  // name_label - computed: false, optional: false, required: true
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // on_destroy - computed: true, optional: true, required: false
  private _onDestroy?: string; 
  public get onDestroy() {
    return this.getStringAttribute('on_destroy');
  }
  public set onDestroy(value: string) {
    this._onDestroy = value;
  }
  public resetOnDestroy() {
    this._onDestroy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get onDestroyInput() {
    return this._onDestroy;
  }

  // other_config - computed: true, optional: true, required: false
  private _otherConfig?: { [key: string]: string }; 
  public get otherConfig() {
    return this.getStringMapAttribute('other_config');
  }
  public set otherConfig(value: { [key: string]: string }) {
    this._otherConfig = value;
  }
  public resetOtherConfig() {
    this._otherConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get otherConfigInput() {
    return this._otherConfig;
  }

  // pbds - computed: true, optional: false, required: false
  public get pbds() {
    return this.getListAttribute('pbds');
  }

  // physical_size - computed: true, optional: false, required: false
  public get physicalSize() {
    return this.getNumberAttribute('physical_size');
  }

  // physical_utilisation - computed: true, optional: false, required: false
  public get physicalUtilisation() {
    return this.getNumberAttribute('physical_utilisation');
  }

  // pool - computed: true, optional: true, required: false
  private _pool?: string; 
  public get pool() {
    return this.getStringAttribute('pool');
  }
  public set pool(value: string) {
    this._pool = value;
  }
  public resetPool() {
    this._pool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get poolInput() {
    return this._pool;
  }

  // shared - computed: true, optional: true, required: false
  private _shared?: boolean | cdktf.IResolvable; 
  public get shared() {
    return this.getBooleanAttribute('shared');
  }
  public set shared(value: boolean | cdktf.IResolvable) {
    this._shared = value;
  }
  public resetShared() {
    this._shared = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sharedInput() {
    return this._shared;
  }

  // size - computed: false, optional: true, required: false
  private _size?: number; 
  public get size() {
    return this.getNumberAttribute('size');
  }
  public set size(value: number) {
    this._size = value;
  }
  public resetSize() {
    this._size = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sizeInput() {
    return this._size;
  }

  // sm_config - computed: true, optional: true, required: false
  private _smConfig?: { [key: string]: string }; 
  public get smConfig() {
    return this.getStringMapAttribute('sm_config');
  }
  public set smConfig(value: { [key: string]: string }) {
    this._smConfig = value;
  }
  public resetSmConfig() {
    this._smConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get smConfigInput() {
    return this._smConfig;
  }

  // tags - computed: true, optional: true, required: false
  private _tags?: string[]; 
  public get tags() {
    return cdktf.Fn.tolist(this.getListAttribute('tags'));
  }
  public set tags(value: string[]) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // type - computed: false, optional: false, required: true
  private _type?: string; 
  public get type() {
    return this.getStringAttribute('type');
  }
  public set type(value: string) {
    this._type = value;
  }
  // Temporarily expose input value. Use with caution.
  public get typeInput() {
    return this._type;
  }

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // virtual_allocation - computed: true, optional: false, required: false
  public get virtualAllocation() {
    return this.getNumberAttribute('virtual_allocation');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new SrTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: SrTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      content_type: cdktf.stringToTerraform(this._contentType),
      device_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._deviceConfig),
      device_config_secrets: cdktf.hashMapper(cdktf.stringToTerraform)(this._deviceConfigSecrets),
      host: cdktf.stringToTerraform(this._host),
      local_caching: cdktf.booleanToTerraform(this._localCaching),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      on_destroy: cdktf.stringToTerraform(this._onDestroy),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      shared: cdktf.booleanToTerraform(this._shared),
      size: cdktf.numberToTerraform(this._size),
      sm_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._smConfig),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      type: cdktf.stringToTerraform(this._type),
      timeouts: srTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      content_type: {
        value: cdktf.stringToHclTerraform(this._contentType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      device_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._deviceConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      device_config_secrets: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._deviceConfigSecrets),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      host: {
        value: cdktf.stringToHclTerraform(this._host),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      local_caching: {
        value: cdktf.booleanToHclTerraform(this._localCaching),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      name_description: {
        value: cdktf.stringToHclTerraform(this._nameDescription),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name_label: {
        value: cdktf.stringToHclTerraform(this._nameLabel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      on_destroy: {
        value: cdktf.stringToHclTerraform(this._onDestroy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      other_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._otherConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      pool: {
        value: cdktf.stringToHclTerraform(this._pool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      shared: {
        value: cdktf.booleanToHclTerraform(this._shared),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      size: {
        value: cdktf.numberToHclTerraform(this._size),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      sm_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._smConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      tags: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._tags),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      type: {
        value: cdktf.stringToHclTerraform(this._type),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: srTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "SrTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
