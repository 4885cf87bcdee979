import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/roles.js';
import { trim, trimLower } from '../../../common/http/transforms.js';

export class RegisterDto {
  @ApiProperty({ example: 'zhang.san@example.cn' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct-horse-battery', minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(128)
  password!: string;

  @ApiProperty({ example: '张三' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName!: string;

  @ApiPropertyOptional({ example: '13800138000' })
  @IsOptional()
  @Matches(/^\+?[0-9]{6,15}$/, { message: 'phone must be 6 to 15 digits' })
  phone?: string;
}

/** The same answer whether or not the address already has an account. */
export class RegistrationDto {
  @ApiProperty({ description: 'The address a mail was sent to: check that inbox' }) email!: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'zhang.san@example.cn' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;
}

/** The token of a mailed link (verification or password reset). */
export class EmailTokenDto {
  @ApiProperty({ example: 'q8Hj3kLmN0pQrStUvWxYz1A2b3C4d5E6f7G8h9I0jKl' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token!: string;
}

export class ResetPasswordDto extends EmailTokenDto {
  @ApiProperty({ example: 'correct-horse-battery', minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(128)
  password!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'zhang.san@example.cn' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct-horse-battery' })
  @IsString()
  @MaxLength(128)
  password!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  displayName?: string;

  @ApiPropertyOptional({ example: 'zh-CN', enum: ['zh-CN', 'en-US'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en-US'])
  locale?: 'zh-CN' | 'en-US';
}

export class MembershipDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ type: String, nullable: true }) regionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) organizationId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Name of the region or organization' })
  scopeName!: string | null;
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ description: 'Whether the owner followed a link mailed to the address' })
  emailVerified!: boolean;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'A contact detail, never verified' })
  phone!: string | null;
  @ApiProperty() locale!: string;
  @ApiProperty({ description: 'Sent as the ETag of /api/me; +1 on every write of the account', example: 2 })
  version!: number;
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
}

/**
 * A started or refreshed session. The refresh token, the other half of the pair, is never in the
 * body: it travels only in its HttpOnly cookie (session-cookies.ts).
 */
export class TokenPairDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
  @ApiProperty({ type: UserDto }) user!: UserDto;
}
