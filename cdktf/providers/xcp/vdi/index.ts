// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VdiConfig extends cdktf.TerraformMetaArguments {
  /**
  * Allow IntelliCache caching of the disk. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#allow_caching Vdi#allow_caching}
  */
  readonly allowCaching?: boolean | cdktf.IResolvable;
  /**
  * Changed block tracking (`VDI.enable_cbt` / `disable_cbt`). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#cbt_enabled Vdi#cbt_enabled}
  */
  readonly cbtEnabled?: boolean | cdktf.IResolvable;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#name_description Vdi#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#name_label Vdi#name_label}
  */
  readonly nameLabel: string;
  /**
  * `persist` keeps writes; `reset` discards them at each boot. Must be one of `persist`, `reset`. Defaults to `"persist"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#on_boot Vdi#on_boot}
  */
  readonly onBoot?: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#other_config Vdi#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#pool Vdi#pool}
  */
  readonly pool?: string;
  /**
  * Read-only disk. XAPI accepts the change only while the disk is detached. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#read_only Vdi#read_only}
  */
  readonly readOnly?: boolean | cdktf.IResolvable;
  /**
  * Whether several VMs may attach the disk at once. XAPI accepts the change only while the disk is detached. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#sharable Vdi#sharable}
  */
  readonly sharable?: boolean | cdktf.IResolvable;
  /**
  * Virtual size in bytes. Left out, the disk takes the size of its `source` image, rounded up to whole MiB: a local raw file's length or a VHD's virtual size, known at plan time; a raw image behind a URL is sized at apply from its Content-Length. Must be a whole number of at least 1048576. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Shrinking is refused at plan time: XAPI cannot shrink a disk.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#size Vdi#size}
  */
  readonly size?: number;
  /**
  * Path or http(s) URL of an image imported into the disk at creation (`import_raw_vdi`). Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#source Vdi#source}
  */
  readonly source?: string;
  /**
  * Format of `source`: `raw` or `vhd`. Must be one of `raw`, `vhd`. Defaults to `"raw"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#source_format Vdi#source_format}
  */
  readonly sourceFormat?: string;
  /**
  * UUID or name of the SR holding the disk. A change moves the disk and its data (the plan shows the bytes to move). Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#sr Vdi#sr}
  */
  readonly sr: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#tags Vdi#tags}
  */
  readonly tags?: string[];
  /**
  * VDI type. Must be one of `user`, `system`, `ephemeral`, `suspend`, `crashdump`, `metadata`, `redo_log`. Defaults to `"user"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#type Vdi#type}
  */
  readonly type?: string;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#timeouts Vdi#timeouts}
  */
  readonly timeouts?: VdiTimeouts;
}
export interface VdiTimeouts {
  /**
  * Longest time the create (with the copies, imports and waits it makes) may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#create Vdi#create}
  */
  readonly create?: string;
  /**
  * Longest time the destroy may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#delete Vdi#delete}
  */
  readonly delete?: string;
  /**
  * Longest time an update or migration may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#update Vdi#update}
  */
  readonly update?: string;
}

export function vdiTimeoutsToTerraform(struct?: VdiTimeouts | cdktf.IResolvable): any {
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


export function vdiTimeoutsToHclTerraform(struct?: VdiTimeouts | cdktf.IResolvable): any {
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

export class VdiTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VdiTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: VdiTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi xcp_vdi}
*/
export class Vdi extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_vdi";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Vdi resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Vdi to import
  * @param importFromId The id of the existing Vdi that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Vdi to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_vdi", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vdi xcp_vdi} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VdiConfig
  */
  public constructor(scope: Construct, id: string, config: VdiConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_vdi',
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
    this._allowCaching = config.allowCaching;
    this._cbtEnabled = config.cbtEnabled;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._onBoot = config.onBoot;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._readOnly = config.readOnly;
    this._sharable = config.sharable;
    this._size = config.size;
    this._source = config.source;
    this._sourceFormat = config.sourceFormat;
    this._sr = config.sr;
    this._tags = config.tags;
    this._type = config.type;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // allow_caching - computed: true, optional: true, required: false
  private _allowCaching?: boolean | cdktf.IResolvable; 
  public get allowCaching() {
    return this.getBooleanAttribute('allow_caching');
  }
  public set allowCaching(value: boolean | cdktf.IResolvable) {
    this._allowCaching = value;
  }
  public resetAllowCaching() {
    this._allowCaching = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowCachingInput() {
    return this._allowCaching;
  }

  // cbt_enabled - computed: true, optional: true, required: false
  private _cbtEnabled?: boolean | cdktf.IResolvable; 
  public get cbtEnabled() {
    return this.getBooleanAttribute('cbt_enabled');
  }
  public set cbtEnabled(value: boolean | cdktf.IResolvable) {
    this._cbtEnabled = value;
  }
  public resetCbtEnabled() {
    this._cbtEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cbtEnabledInput() {
    return this._cbtEnabled;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // is_a_snapshot - computed: true, optional: false, required: false
  public get isASnapshot() {
    return this.getBooleanAttribute('is_a_snapshot');
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

  // on_boot - computed: true, optional: true, required: false
  private _onBoot?: string; 
  public get onBoot() {
    return this.getStringAttribute('on_boot');
  }
  public set onBoot(value: string) {
    this._onBoot = value;
  }
  public resetOnBoot() {
    this._onBoot = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get onBootInput() {
    return this._onBoot;
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

  // read_only - computed: true, optional: true, required: false
  private _readOnly?: boolean | cdktf.IResolvable; 
  public get readOnly() {
    return this.getBooleanAttribute('read_only');
  }
  public set readOnly(value: boolean | cdktf.IResolvable) {
    this._readOnly = value;
  }
  public resetReadOnly() {
    this._readOnly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get readOnlyInput() {
    return this._readOnly;
  }

  // sharable - computed: true, optional: true, required: false
  private _sharable?: boolean | cdktf.IResolvable; 
  public get sharable() {
    return this.getBooleanAttribute('sharable');
  }
  public set sharable(value: boolean | cdktf.IResolvable) {
    this._sharable = value;
  }
  public resetSharable() {
    this._sharable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sharableInput() {
    return this._sharable;
  }

  // size - computed: true, optional: true, required: false
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

  // snapshot_of - computed: true, optional: false, required: false
  public get snapshotOf() {
    return this.getStringAttribute('snapshot_of');
  }

  // source - computed: false, optional: true, required: false
  private _source?: string; 
  public get source() {
    return this.getStringAttribute('source');
  }
  public set source(value: string) {
    this._source = value;
  }
  public resetSource() {
    this._source = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sourceInput() {
    return this._source;
  }

  // source_format - computed: true, optional: true, required: false
  private _sourceFormat?: string; 
  public get sourceFormat() {
    return this.getStringAttribute('source_format');
  }
  public set sourceFormat(value: string) {
    this._sourceFormat = value;
  }
  public resetSourceFormat() {
    this._sourceFormat = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get sourceFormatInput() {
    return this._sourceFormat;
  }

  // sr - computed: false, optional: false, required: true
  private _sr?: string; 
  public get sr() {
    return this.getStringAttribute('sr');
  }
  public set sr(value: string) {
    this._sr = value;
  }
  // Temporarily expose input value. Use with caution.
  public get srInput() {
    return this._sr;
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

  // type - computed: true, optional: true, required: false
  private _type?: string; 
  public get type() {
    return this.getStringAttribute('type');
  }
  public set type(value: string) {
    this._type = value;
  }
  public resetType() {
    this._type = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get typeInput() {
    return this._type;
  }

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // vbds - computed: true, optional: false, required: false
  public get vbds() {
    return this.getListAttribute('vbds');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new VdiTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: VdiTimeouts) {
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
      allow_caching: cdktf.booleanToTerraform(this._allowCaching),
      cbt_enabled: cdktf.booleanToTerraform(this._cbtEnabled),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      on_boot: cdktf.stringToTerraform(this._onBoot),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      read_only: cdktf.booleanToTerraform(this._readOnly),
      sharable: cdktf.booleanToTerraform(this._sharable),
      size: cdktf.numberToTerraform(this._size),
      source: cdktf.stringToTerraform(this._source),
      source_format: cdktf.stringToTerraform(this._sourceFormat),
      sr: cdktf.stringToTerraform(this._sr),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      type: cdktf.stringToTerraform(this._type),
      timeouts: vdiTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      allow_caching: {
        value: cdktf.booleanToHclTerraform(this._allowCaching),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      cbt_enabled: {
        value: cdktf.booleanToHclTerraform(this._cbtEnabled),
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
      on_boot: {
        value: cdktf.stringToHclTerraform(this._onBoot),
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
      read_only: {
        value: cdktf.booleanToHclTerraform(this._readOnly),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      sharable: {
        value: cdktf.booleanToHclTerraform(this._sharable),
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
      source: {
        value: cdktf.stringToHclTerraform(this._source),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      source_format: {
        value: cdktf.stringToHclTerraform(this._sourceFormat),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sr: {
        value: cdktf.stringToHclTerraform(this._sr),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
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
        value: vdiTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VdiTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
